package io.leadscorer.model.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.Map;

/**
 * Multi-head self-attention with its output projection, dropout, residual and LayerNorm: Hugging Face's
 * {@code attention.self.{query,key,value}} and {@code attention.output.{dense,LayerNorm}}.
 */
final class BertAttention extends EncoderBlock {

    private final int heads;
    private final int headSize;
    private final float scale;
    private final Dense query;
    private final Dense key;
    private final Dense value;
    private final Dense output;
    private final Norm norm;
    private final TrainingDropout attentionDropout;
    private final TrainingDropout hiddenDropout;

    BertAttention(BertConfig config) {
        super((byte) 1);
        int hidden = config.hiddenSize();
        heads = config.numAttentionHeads();
        headSize = config.headSize();
        scale = (float) (1.0 / Math.sqrt(headSize));
        query = addChildBlock("query", new Dense(hidden, hidden));
        key = addChildBlock("key", new Dense(hidden, hidden));
        value = addChildBlock("value", new Dense(hidden, hidden));
        output = addChildBlock("output", new Dense(hidden, hidden));
        norm = addChildBlock("LayerNorm", new Norm(hidden, config.layerNormEps()));
        attentionDropout = new TrainingDropout(config.attentionProbsDropoutProb());
        hiddenDropout = new TrainingDropout(config.hiddenDropoutProb());
    }

    /**
     * @param x       [B, T, H]
     * @param keyBias [B, 1, 1, T], 0 for real tokens and a large negative number for padding
     */
    @Override
    NDArray apply(ParameterStore ps, NDArray x, NDArray keyBias, boolean training) {
        NDArray q = heads(query.apply(ps, x, training));
        NDArray k = heads(key.apply(ps, x, training));
        NDArray v = heads(value.apply(ps, x, training));
        NDArray scores;
        // not mul(scale): DJL wraps a number in a Java direct buffer and closes it after the op, while autograd keeps
        // it for the backward pass, so a garbage collection in between freed the factor the gradient is scaled by
        try (NDArray factor = x.getManager().full(new Shape(), scale)) {
            scores = q.matMul(k.transpose(0, 1, 3, 2)).mul(factor).add(keyBias);
        }
        NDArray probabilities = attentionDropout.apply(scores.softmax(-1), training);
        Shape shape = x.getShape();
        NDArray context = probabilities.matMul(v).transpose(0, 2, 1, 3).reshape(shape);
        NDArray projected = hiddenDropout.apply(output.apply(ps, context, training), training);
        return norm.apply(ps, projected.add(x), training);
    }

    /** [B, T, H] to [B, heads, T, headSize]. */
    private NDArray heads(NDArray x) {
        Shape shape = x.getShape();
        return x.reshape(shape.get(0), shape.get(1), heads, headSize).transpose(0, 2, 1, 3);
    }

    @Override
    public void addParameters(String prefix, Map<String, Parameter> into) {
        query.addParameters(prefix + ".self.query", into);
        key.addParameters(prefix + ".self.key", into);
        value.addParameters(prefix + ".self.value", into);
        output.addParameters(prefix + ".output.dense", into);
        norm.addParameters(prefix + ".output.LayerNorm", into);
    }
}
