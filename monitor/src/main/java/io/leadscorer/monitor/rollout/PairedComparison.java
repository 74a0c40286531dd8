package io.leadscorer.monitor.rollout;

import io.leadscorer.avro.RolloutMetric;
import java.util.List;

/** A statistical test comparing two models on the same labelled leads, at a confidence level. */
@FunctionalInterface
public interface PairedComparison {

    Comparison compare(List<PairedScore> pairs, double confidence);

    /** The paired bootstrap for the log loss, DeLong's test for the AUC. */
    static PairedComparison of(RolloutMetric metric) {
        return switch (metric) {
            case LOG_LOSS -> PairedBootstrap::compare;
            case AUC -> DeLongComparison::compare;
        };
    }
}
