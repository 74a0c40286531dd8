package io.leadscorer.trainer.prune;

import io.leadscorer.model.text.LeadColumn;
import io.leadscorer.trainer.data.LeadRow;
import io.leadscorer.trainer.data.StratifiedSplit;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.ensemble.FullyWeightedVotingCombiner;
import org.tribuo.classification.evaluation.LabelEvaluationUtil;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random-forest column importances on the training split. The forest is Tribuo's (bagged CART trees with
 * feature sub-sampling); a column's importance is the drop in ROC-AUC on held-back training rows when that
 * column's cells are shuffled across rows (permutation importance). Unlike split-count or impurity scores it
 * does not favour columns with many distinct values, such as customer ids.
 */
public final class ColumnImportance {
    private static final String TRUE = "True";
    private static final String FALSE = "False";
    private final ForestSettings settings;

    /**
     * How the forest is grown and scored: at most {@code maxRows} training rows (a stratified sample; the
     * ranking of columns needs far fewer rows than the network), of which {@code heldOutFraction} are held back
     * to measure the importances on, each the mean of {@code repeats} shuffles.
     */
    public record ForestSettings(int trees, int maxDepth, float featureFraction, double heldOutFraction, int repeats,
                                 int maxRows, long seed) {}

    public ColumnImportance(ForestSettings settings) {
        this.settings = settings;
    }

    /** Importance per column, in the order of {@code columns}. */
    public Map<String, Double> measure(List<LeadColumn> columns, List<LeadRow> training) {
        List<LeadRow> rows = training.size() <= settings.maxRows() ? training
                : new StratifiedSplit((double) settings.maxRows() / training.size(), settings.seed()).split(training)
                        .validation();
        StratifiedSplit.Parts parts = new StratifiedSplit(settings.heldOutFraction(), settings.seed()).split(rows);
        ColumnEncoding encoding = new ColumnEncoding(columns, parts.training());
        String[] names = encoding.featureNames();
        LabelFactory labels = new LabelFactory();
        MutableDataset<Label> dataset = new MutableDataset<>(
                new SimpleDataSourceProvenance("training split", labels), labels);
        for (LeadRow row : parts.training()) {
            dataset.add(new ArrayExample<>(label(row), names, encoding.encode(row.record())));
        }
        CARTClassificationTrainer tree = new CARTClassificationTrainer(
                settings.maxDepth(), settings.featureFraction(), settings.seed());
        RandomForestTrainer<Label> forestTrainer = new RandomForestTrainer<>(
                tree, new FullyWeightedVotingCombiner(), settings.trees(), settings.seed());
        Model<Label> forest = forestTrainer.train(dataset);

        List<LeadRow> heldOut = parts.validation();
        boolean[] truth = new boolean[heldOut.size()];
        double[][] encoded = new double[heldOut.size()][];
        for (int i = 0; i < heldOut.size(); i++) {
            truth[i] = heldOut.get(i).converted();
            encoded[i] = encoding.encode(heldOut.get(i).record());
        }
        double baseline = auc(forest, names, encoded, truth);
        Random random = new Random(settings.seed());
        Map<String, Double> importances = new LinkedHashMap<>();
        for (int c = 0; c < columns.size(); c++) {
            double drop = 0;
            for (int r = 0; r < settings.repeats(); r++) {
                drop += baseline - auc(forest, names, permuted(encoded, encoding.featuresOf(c), random), truth);
            }
            importances.put(columns.get(c).name(), drop / settings.repeats());
        }
        return importances;
    }

    private static double[][] permuted(double[][] encoded, int[] features, Random random) {
        int[] order = new int[encoded.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        double[][] result = new double[encoded.length][];
        for (int i = 0; i < encoded.length; i++) {
            result[i] = encoded[i].clone();
            for (int f : features) {
                result[i][f] = encoded[order[i]][f];
            }
        }
        return result;
    }

    private static double auc(Model<Label> forest, String[] names, double[][] rows, boolean[] truth) {
        List<Example<Label>> examples = new ArrayList<>(rows.length);
        for (double[] row : rows) {
            examples.add(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, names, row));
        }
        List<Prediction<Label>> predictions = forest.predict(examples);
        double[] scores = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            Label positive = predictions.get(i).getOutputScores().get(TRUE);
            scores[i] = positive == null ? 0 : positive.getScore();
        }
        return LabelEvaluationUtil.binaryAUCROC(truth, scores);
    }

    private static Label label(LeadRow row) {
        return new Label(row.converted() ? TRUE : FALSE);
    }
}
