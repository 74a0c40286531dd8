package io.leadscorer.monitor.rollout;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the lead-keyed half sends to the rollout when a lead scored by two or more models gets its label, or its label
 * changes: the lead, every model's probability and the label as it now stands. The rollout keeps the latest fact of
 * each lead, so a relabelled or replayed lead replaces its pair instead of counting twice.
 */
public record PairFact(String leadId, boolean converted, Map<String, Double> probabilities) {

    public PairFact {
        probabilities = new LinkedHashMap<>(probabilities);
    }

    /** The lead as the trial's two models scored it, if both did. */
    public Optional<PairedScore> pairedFor(Trial trial) {
        Double baseline = probabilities.get(trial.baseline());
        Double challenger = probabilities.get(trial.challenger());
        return baseline == null || challenger == null ? Optional.empty()
                : Optional.of(new PairedScore(baseline, challenger, converted));
    }
}
