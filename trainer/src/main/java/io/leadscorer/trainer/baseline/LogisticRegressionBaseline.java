package io.leadscorer.trainer.baseline;

import io.leadscorer.trainer.data.LeadRow;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import java.util.ArrayList;
import java.util.List;

/**
 * One-hot logistic regression: Tribuo's linear SGD trainer with the logistic loss and AdaGrad over the
 * one-hot features of {@link OneHotEncoding} (numbers in quantile bins).
 */
final class LogisticRegressionBaseline implements Baseline {
    private static final String TRUE = "True";
    private final int minCount;
    private final int bins;
    private final int epochs;
    private final long seed;
    private OneHotEncoding encoding;
    private String[] names;
    private Model<Label> model;

    LogisticRegressionBaseline(int minCount, int bins, int epochs, long seed) {
        this.minCount = minCount;
        this.bins = bins;
        this.epochs = epochs;
        this.seed = seed;
    }

    @Override
    public String name() {
        return "logistic_regression";
    }

    @Override
    public void fit(List<LeadRow> training, List<LeadRow> validation) {
        encoding = new OneHotEncoding(training, minCount, bins, true);
        names = new String[encoding.width()];
        for (int i = 0; i < names.length; i++) {
            names[i] = String.format("f%06d", i);
        }
        LabelFactory labels = new LabelFactory();
        MutableDataset<Label> dataset = new MutableDataset<>(new SimpleDataSourceProvenance("training split", labels), labels);
        for (LeadRow row : training) {
            dataset.add(example(row, new Label(row.converted() ? TRUE : "False")));
        }
        LinearSGDTrainer trainer = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.5, 0.1), epochs,
                Math.max(1, training.size() / 4), 1, seed);
        model = trainer.train(dataset);
    }

    @Override
    public double[] probabilities(List<LeadRow> rows) {
        List<Example<Label>> examples = new ArrayList<>(rows.size());
        for (LeadRow row : rows) {
            examples.add(example(row, LabelFactory.UNKNOWN_LABEL));
        }
        List<Prediction<Label>> predictions = model.predict(examples);
        double[] scores = new double[rows.size()];
        for (int i = 0; i < scores.length; i++) {
            Label positive = predictions.get(i).getOutputScores().get(TRUE);
            scores[i] = positive == null ? 0 : positive.getScore();
        }
        return scores;
    }

    private Example<Label> example(LeadRow row, Label label) {
        OneHotEncoding.SparseRow sparse = encoding.encode(row.record());
        String[] featureNames = new String[sparse.indices().length];
        double[] values = new double[featureNames.length];
        for (int i = 0; i < featureNames.length; i++) {
            featureNames[i] = names[sparse.indices()[i]];
            values[i] = sparse.values()[i];
        }
        return new ArrayExample<>(label, featureNames, values);
    }
}
