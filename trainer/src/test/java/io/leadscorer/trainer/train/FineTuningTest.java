package io.leadscorer.trainer.train;

import ai.djl.ndarray.NDManager;
import io.leadscorer.model.network.BertClassifier;
import io.leadscorer.model.network.BertConfig;
import io.leadscorer.model.tokenizer.Encoded;
import io.leadscorer.trainer.config.TrainingSettings.Decay;
import io.leadscorer.trainer.config.TrainingSettings.OptimizerKind;
import org.junit.jupiter.api.Test;

import java.io.PrintStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FineTuningTest {
    private static final BertConfig TINY = new BertConfig(20, 16, 1, 2, 32, 6, 2, 0.0, 0.0, 1e-12, BertConfig.GELU);
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    /** 64 leads of two token patterns; the first pattern converts, the second does not. */
    private static EncodedLeads leads() {
        List<Encoded> encoded = new ArrayList<>();
        boolean[] labels = new boolean[64];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 2 == 0;
            long token = labels[i] ? 5 : 6;
            encoded.add(new Encoded(new long[] {2, token, 7, 3}, new long[] {1, 1, 1, 1}));
        }
        return new EncodedLeads(encoded, labels);
    }

    private static StagePlan plan() {
        return new StagePlan("main", 10, 16, OptimizerKind.ADAMW, 0, 0, 0.01, 0, 0, Decay.LINEAR, 1.0, 0, 0);
    }

    private static double[] offsetsOf(EncodedLeads leads, double logOdds) {
        double[] offsets = new double[leads.size()];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = leads.labels()[i] ? logOdds : -logOdds;
        }
        return offsets;
    }

    /** The network's own log-odds for the converting pattern less those for the other, after training. */
    private static double learntSeparation(EncodedLeads training) {
        try (NDManager manager = NDManager.newBaseManager()) {
            BertClassifier network = new BertClassifier(TINY);
            network.initialize(manager);
            new FineTuning(network, manager, 32, 11, -1, QUIET).run(plan(), training, training);
            float[] p = Probabilities.of(network, manager, training.encoded().subList(0, 2), 32);
            return logit(p[0]) - logit(p[1]);
        }
    }

    @Test
    void offsetsThatAlreadyTellTheLabelsLeaveTheNetworkLittleToLearn() {
        EncodedLeads plain = leads();
        double alone = learntSeparation(plain);
        double onTop = learntSeparation(plain.withOffsets(offsetsOf(plain, 6)));

        assertThat(alone).isGreaterThan(2);
        assertThat(onTop).isLessThan(alone / 2);
    }

    @Test
    void validationProbabilitiesAddTheOffsetsToTheNetworksLogit() {
        EncodedLeads leads = leads();
        EncodedLeads shifted = leads.withOffsets(offsetsOf(leads, 1.5));
        try (NDManager manager = NDManager.newBaseManager()) {
            BertClassifier network = new BertClassifier(TINY);
            network.initialize(manager);
            float[] alone = Probabilities.of(network, manager, leads.encoded(), 7);
            float[] withOffsets = Probabilities.withOffsets(network, manager, shifted, 7);

            for (int i = 0; i < alone.length; i++) {
                double expected = logit(alone[i]) + (leads.labels()[i] ? 1.5 : -1.5);
                assertThat(logit(withOffsets[i])).isCloseTo(expected, within(1e-3));
            }
            assertThat(Arrays.equals(alone, withOffsets)).isFalse();
        }
    }

    private static double logit(double p) {
        return Math.log(p / (1 - p));
    }
}
