package io.leadscorer.model.network;

import java.util.Map;
import org.apache.commons.math3.special.Erf;

/**
 * BERT for sequence classification written out in plain Java doubles from Hugging Face's definition, to check
 * {@link BertClassifier} against something that shares no code with it.
 */
final class ReferenceBert {

    private final BertConfig config;
    private final Map<String, float[]> w;

    ReferenceBert(BertConfig config, Map<String, float[]> weightsByHfName) {
        this.config = config;
        this.w = weightsByHfName;
    }

    double logit(long[] ids, long[] mask) {
        int tokens = ids.length;
        int hidden = config.hiddenSize();
        double[][] x = new double[tokens][hidden];
        for (int t = 0; t < tokens; t++) {
            for (int h = 0; h < hidden; h++) {
                x[t][h] = w.get("bert.embeddings.word_embeddings.weight")[(int) ids[t] * hidden + h]
                        + w.get("bert.embeddings.position_embeddings.weight")[t * hidden + h]
                        + w.get("bert.embeddings.token_type_embeddings.weight")[h];
            }
            x[t] = layerNorm(x[t], "bert.embeddings.LayerNorm");
        }
        for (int layer = 0; layer < config.numHiddenLayers(); layer++) {
            x = encoderLayer(x, mask, "bert.encoder.layer." + layer);
        }
        double[] pooled = dense(x[0], "bert.pooler.dense");
        for (int h = 0; h < hidden; h++) {
            pooled[h] = Math.tanh(pooled[h]);
        }
        return dense(pooled, "classifier")[0];
    }

    private double[][] encoderLayer(double[][] x, long[] mask, String prefix) {
        int tokens = x.length;
        int heads = config.numAttentionHeads();
        int size = config.hiddenSize() / heads;
        double[][] q = new double[tokens][];
        double[][] k = new double[tokens][];
        double[][] v = new double[tokens][];
        for (int t = 0; t < tokens; t++) {
            q[t] = dense(x[t], prefix + ".attention.self.query");
            k[t] = dense(x[t], prefix + ".attention.self.key");
            v[t] = dense(x[t], prefix + ".attention.self.value");
        }
        double[][] out = new double[tokens][];
        for (int i = 0; i < tokens; i++) {
            double[] context = new double[config.hiddenSize()];
            for (int head = 0; head < heads; head++) {
                double[] scores = new double[tokens];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < tokens; j++) {
                    if (mask[j] == 0) {
                        continue;
                    }
                    double dot = 0;
                    for (int d = 0; d < size; d++) {
                        dot += q[i][head * size + d] * k[j][head * size + d];
                    }
                    scores[j] = dot / Math.sqrt(size);
                    max = Math.max(max, scores[j]);
                }
                double sum = 0;
                for (int j = 0; j < tokens; j++) {
                    scores[j] = mask[j] == 0 ? 0 : Math.exp(scores[j] - max);
                    sum += scores[j];
                }
                for (int j = 0; j < tokens; j++) {
                    for (int d = 0; d < size; d++) {
                        context[head * size + d] += scores[j] / sum * v[j][head * size + d];
                    }
                }
            }
            double[] attended = add(dense(context, prefix + ".attention.output.dense"), x[i]);
            attended = layerNorm(attended, prefix + ".attention.output.LayerNorm");
            double[] expanded = dense(attended, prefix + ".intermediate.dense");
            for (int h = 0; h < expanded.length; h++) {
                expanded[h] = 0.5 * expanded[h] * (1 + Erf.erf(expanded[h] / Math.sqrt(2)));
            }
            out[i] = layerNorm(add(dense(expanded, prefix + ".output.dense"), attended), prefix + ".output.LayerNorm");
        }
        return out;
    }

    /** y = W x + b with W stored [out, in]. */
    private double[] dense(double[] x, String prefix) {
        float[] weight = w.get(prefix + ".weight");
        float[] bias = w.get(prefix + ".bias");
        double[] y = new double[bias.length];
        for (int o = 0; o < y.length; o++) {
            double s = bias[o];
            for (int i = 0; i < x.length; i++) {
                s += weight[o * x.length + i] * x[i];
            }
            y[o] = s;
        }
        return y;
    }

    private double[] layerNorm(double[] x, String prefix) {
        double mean = 0;
        for (double value : x) {
            mean += value / x.length;
        }
        double variance = 0;
        for (double value : x) {
            variance += (value - mean) * (value - mean) / x.length;
        }
        float[] gamma = w.get(prefix + ".weight");
        float[] beta = w.get(prefix + ".bias");
        double[] y = new double[x.length];
        for (int h = 0; h < x.length; h++) {
            y[h] = (x[h] - mean) / Math.sqrt(variance + config.layerNormEps()) * gamma[h] + beta[h];
        }
        return y;
    }

    private static double[] add(double[] a, double[] b) {
        double[] sum = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            sum[i] = a[i] + b[i];
        }
        return sum;
    }
}
