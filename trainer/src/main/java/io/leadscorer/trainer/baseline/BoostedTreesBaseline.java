package io.leadscorer.trainer.baseline;

import io.leadscorer.trainer.config.BaselineSettings;
import io.leadscorer.trainer.data.LeadRow;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Gradient-boosted trees (XGBoost4J, histogram method): text columns one-hot, numbers raw with missing cells
 * left to XGBoost's learned default direction, boosting stopped when the validation log loss has not
 * improved for {@code tree-early-stopping} rounds (the best round's trees are used). With an
 * {@link OutOfFoldTargetEncoding}, each lead also gets the out-of-fold conversion rate and count of its id
 * columns' values (the company, the owner), which raw ids as numbers cannot give a tree.
 */
final class BoostedTreesBaseline implements Baseline {
    private final BaselineSettings settings;
    private final long seed;
    private final int threads;
    private final OutOfFoldTargetEncoding targetEncoding;
    private OneHotEncoding encoding;
    private Booster booster;
    private int bestIteration;

    BoostedTreesBaseline(BaselineSettings settings, long seed, int threads) {
        this(settings, seed, threads, null);
    }

    /** {@code targetEncoding}: null for the plain trees. */
    BoostedTreesBaseline(BaselineSettings settings, long seed, int threads, OutOfFoldTargetEncoding targetEncoding) {
        this.settings = settings;
        this.seed = seed;
        this.threads = threads;
        this.targetEncoding = targetEncoding;
    }

    @Override
    public String name() {
        return targetEncoding == null ? "boosted_trees" : "target_encoded_trees";
    }

    @Override
    public void fit(List<LeadRow> training, List<LeadRow> validation) {
        encoding = new OneHotEncoding(training, settings.minCategoryCount(), 1, false);
        if (targetEncoding != null) {
            targetEncoding.fit(training);
        }
        Map<String, Object> params = new HashMap<>();
        params.put("objective", "binary:logistic");
        params.put("eval_metric", "logloss");
        params.put("tree_method", "hist");
        params.put("eta", settings.treeLearningRate());
        params.put("max_depth", settings.treeMaxDepth());
        params.put("subsample", settings.treeSubsample());
        params.put("colsample_bytree", settings.treeColumnSample());
        params.put("nthread", threads);
        params.put("seed", seed);
        params.put("verbosity", 0);
        try (Matrix train = matrix(training, true); Matrix valid = matrix(validation, false)) {
            booster = XGBoost.train(train.data(), params, 0, Map.of(), null, null);
            DMatrix[] watched = {valid.data()};
            String[] names = {"validation"};
            float[] loss = new float[1];
            double bestLoss = Double.POSITIVE_INFINITY;
            bestIteration = 0;
            for (int round = 0; round < settings.treeRounds()
                    && round - bestIteration <= settings.treeEarlyStopping(); round++) {
                booster.update(train.data(), round);
                booster.evalSet(watched, names, round, loss);
                if (loss[0] < bestLoss) {
                    bestLoss = loss[0];
                    bestIteration = round;
                }
            }
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost failed: " + e.getMessage(), e);
        }
    }

    @Override
    public double[] probabilities(List<LeadRow> rows) {
        try (Matrix matrix = matrix(rows, false)) {
            float[][] predictions = booster.predict(matrix.data(), false, bestIteration + 1);
            double[] scores = new double[rows.size()];
            for (int i = 0; i < scores.length; i++) {
                scores[i] = predictions[i][0];
            }
            return scores;
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost failed: " + e.getMessage(), e);
        }
    }

    /** The rounds kept by early stopping. */
    int rounds() {
        return bestIteration + 1;
    }

    /** {@code training}: the rows given to {@link #fit}, whose target encoding is their out-of-fold one. */
    private Matrix matrix(List<LeadRow> rows, boolean training) throws XGBoostError {
        long[] rowStarts = new long[rows.size() + 1];
        int extra = targetEncoding == null ? 0 : targetEncoding.width();
        int perRow = io.leadscorer.model.text.LeadColumns.ALL.size() + extra;
        int[] columns = new int[rows.size() * perRow];
        float[] values = new float[rows.size() * perRow];
        float[] labels = new float[rows.size()];
        int n = 0;
        for (int r = 0; r < rows.size(); r++) {
            OneHotEncoding.SparseRow row = encoding.encode(rows.get(r).record());
            System.arraycopy(row.indices(), 0, columns, n, row.indices().length);
            System.arraycopy(row.values(), 0, values, n, row.values().length);
            n += row.indices().length;
            if (extra > 0) {
                float[] encoded = training ? targetEncoding.training(r) : targetEncoding.encode(rows.get(r));
                for (int f = 0; f < extra; f++) {
                    columns[n] = encoding.width() + f;
                    values[n++] = encoded[f];
                }
            }
            rowStarts[r + 1] = n;
            labels[r] = rows.get(r).converted() ? 1f : 0f;
        }
        DMatrix matrix = new DMatrix(rowStarts, columns, values, DMatrix.SparseType.CSR, encoding.width() + extra);
        matrix.setLabel(labels);
        return new Matrix(matrix);
    }

    private record Matrix(DMatrix data) implements AutoCloseable {
        @Override
        public void close() {
            data.dispose();
        }
    }
}
