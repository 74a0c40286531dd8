package io.leadscorer.monitor.label;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the monitor holds for one lead: the event time its scores carry (none while no score has come), the first
 * score of every model that scored it, and its label with the time of the outcome that gave it. A held outcome is a
 * state with a label and no score.
 */
public record LeadState(long eventTime, List<ModelScore> scores, Label label, long labelTime) {

    public static final long UNSCORED = Long.MIN_VALUE;
    public static final LeadState EMPTY = new LeadState(UNSCORED, List.of(), Label.NONE, 0);

    public LeadState {
        scores = List.copyOf(scores);
    }

    public boolean scored() {
        return !scores.isEmpty();
    }

    public Optional<ModelScore> scoreOf(String modelId) {
        return scores.stream().filter(score -> score.modelId().equals(modelId)).findFirst();
    }

    LeadState withScore(ModelScore score, long scoreEventTime) {
        List<ModelScore> all = new ArrayList<>(scores);
        all.add(score);
        return new LeadState(scored() ? eventTime : scoreEventTime, all, label, labelTime);
    }

    LeadState withLabel(Label newLabel, long time) {
        return new LeadState(eventTime, scores, newLabel, time);
    }
}
