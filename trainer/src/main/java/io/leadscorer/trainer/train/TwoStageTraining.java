package io.leadscorer.trainer.train;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.leadscorer.model.network.BertClassifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The seed's two stages: the main training with early stopping, then a short fine-tuning on the True rows
 * (plus a sample of False rows). The second stage is kept only when it does not lower the validation F1 at
 * the best threshold; otherwise the main stage's weights come back.
 */
public final class TwoStageTraining {
    private static final Logger LOG = LoggerFactory.getLogger(TwoStageTraining.class);
    private final FineTuning fineTuning;
    private final BertClassifier network;
    private final NDManager manager;

    /** Both stages' epochs and whether the second stage's weights were kept. */
    public record Outcome(FineTuning.Outcome main, FineTuning.Outcome positive, boolean positiveStageKept) {
        public List<EpochRecord> epochs() {
            List<EpochRecord> all = new ArrayList<>(main.epochs());
            if (positive != null) {
                all.addAll(positive.epochs());
            }
            return all;
        }
    }

    public TwoStageTraining(BertClassifier network, NDManager manager, int evalBatchSize, long seed, long maskId,
                            PrintStream progress) {
        this.network = network;
        this.manager = manager;
        this.fineTuning = new FineTuning(network, manager, evalBatchSize, seed, maskId, progress);
    }

    public Outcome run(StagePlan main, EncodedLeads training, StagePlan positive, EncodedLeads positiveTraining,
                       EncodedLeads validation) {
        FineTuning.Outcome first = fineTuning.run(main, training, validation);
        if (positive == null || positive.epochs() == 0 || positiveTraining.size() == 0) {
            return new Outcome(first, null, false);
        }
        List<Parameter> parameters = new ArrayList<>(network.parametersByHfName().values());
        try (ParameterSnapshot afterMain = new ParameterSnapshot(manager, parameters)) {
            FineTuning.Outcome second = fineTuning.run(positive, positiveTraining, validation);
            double before = first.kept().validationF1();
            double after = second.kept().validationF1();
            if (after >= before) {
                LOG.info("positive stage kept: validation F1 {} -> {}", before, after);
                return new Outcome(first, second, true);
            }
            LOG.info("positive stage discarded: validation F1 {} -> {}; main-stage weights restored", before, after);
            afterMain.restore();
            return new Outcome(first, second, false);
        }
    }
}
