package io.leadscorer.sandbox.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a demo run did, for a person (several lines) and for a machine (one JSON object, the run's last line).
 * {@code lost}: leads the broker acknowledged that have no score; {@code duplicated}: scores beyond the first for
 * a lead; {@code poison_missed}: poison kinds sent that did not reach the DLQ; {@code rollouts}: every command of the
 * deployment in order, the monitor's decisions with their evidence.
 */
public record DemoSummary(long produced, long scored, long deadLettered, long lost, long duplicated, long poisonSent,
                          List<String> poisonMissed, List<String> models, Map<String, Long> scoresByModel,
                          boolean hotSwapReported, double liveF1, double oracleF1, double leadsPerSecond, double p50Millis,
                          double p99Millis, String kafka, String registry, int instances, double seconds,
                          LiveOutcomes outcomes, ActionableScores actionable, long shadowScored,
                          long shadowDuplicated, Rollouts rollouts) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The deployment's commands in order ({@code commands}, as JSON rows), whether the broken model was promoted, and
     * whether it was live when the run ended (deployed directly and not rolled back).
     */
    public record Rollouts(List<Map<String, Object>> commands, boolean brokenPromoted, boolean brokenLive) {
        long decided(String action) {
            return commands.stream().filter(c -> action.equals(c.get("action")) && c.containsKey("evidence")).count();
        }
    }

    /**
     * Nothing lost, nothing scored twice (live or in shadow), every poison record in the DLQ, every outcome counted
     * once per model that scored its lead, and the broken model neither promoted nor live at the end.
     */
    public boolean ok() {
        return lost == 0 && duplicated == 0 && shadowDuplicated == 0 && poisonMissed.isEmpty() && outcomes.counted()
                && !rollouts.brokenPromoted() && !rollouts.brokenLive();
    }

    public String toJson() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("ok", ok());
        fields.put("produced", produced);
        fields.put("scored", scored);
        fields.put("dead_lettered", deadLettered);
        fields.put("lost", lost);
        fields.put("duplicated", duplicated);
        fields.put("poison_sent", poisonSent);
        fields.put("poison_missed", poisonMissed);
        fields.put("models", models);
        fields.put("scores_by_model", scoresByModel);
        fields.put("hot_swap_reported", hotSwapReported);
        fields.put("live_f1", round(liveF1));
        fields.put("oracle_f1", round(oracleF1));
        fields.put("leads_per_s", round(leadsPerSecond));
        fields.put("p50_ms", round(p50Millis));
        fields.put("p99_ms", round(p99Millis));
        fields.put("kafka", kafka);
        fields.put("registry", registry);
        fields.put("instances", instances);
        fields.put("seconds", round(seconds));
        fields.put("outcomes_sent", outcomes.sent());
        fields.put("outcomes_labelled", outcomes.labelled());
        fields.put("labels_expected", outcomes.expected());
        fields.put("shadow_scores", shadowScored);
        fields.put("shadow_duplicated", shadowDuplicated);
        fields.put("live_quality", outcomes.figures());
        fields.put("tiers", actionable.tiers());
        fields.put("rollouts", rollouts.commands());
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public String forPerson() {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "%nSummary (%d scorer instances, %.0f s)%n", instances, seconds));
        text.append(String.format(Locale.ROOT, "  produced %,d leads; scored %,d; lost %,d; scored twice %,d%n",
                produced, scored, lost, duplicated));
        text.append(String.format(Locale.ROOT, "  poison records: %d sent, %d in the DLQ%s (dead letters in all: %,d)%n",
                poisonSent, poisonSent - poisonMissed.size(),
                poisonMissed.isEmpty() ? "" : ", MISSED: " + String.join(", ", poisonMissed), deadLettered));
        text.append("  models in the order they served: ");
        scoresByModel.forEach((model, count) -> text.append(String.format(Locale.ROOT, "%s (%,d scores)  ", model, count)));
        text.append(System.lineSeparator());
        text.append(String.format(Locale.ROOT, "  live F1 %.4f against the oracle's %.4f on the same leads%n", liveF1, oracleF1));
        text.append(String.format(Locale.ROOT, "  %.0f leads/s; event-to-score latency p50 %.0f ms, p99 %.0f ms%n",
                leadsPerSecond, p50Millis, p99Millis));
        text.append("  tiers of the scored leads: ").append(actionable.tierMix()).append(System.lineSeparator());
        actionable.examples().forEach(lead -> text.append("    ").append(lead).append(System.lineSeparator()));
        text.append(String.format(Locale.ROOT, "  shadow scores: %,d, scored twice %,d%n", shadowScored, shadowDuplicated));
        text.append(String.format(Locale.ROOT, "  outcomes: %,d reported; labels counted by the monitor %,d of %,d "
                + "(one per model that scored the lead, live or in shadow)%n", outcomes.sent(), outcomes.labelled(),
                outcomes.expected()));
        outcomes.byModel().values().forEach(q -> text.append("    ").append(LiveOutcomes.line(q)).append(System.lineSeparator()));
        text.append(String.format(Locale.ROOT, "  rollouts: %d commands; the monitor promoted %d, ended %d shadows, rolled "
                + "back %d; the broken model %s and %s%n", rollouts.commands().size(), rollouts.decided("PROMOTE"),
                rollouts.decided("END_SHADOW"), rollouts.decided("ROLLBACK"),
                rollouts.brokenPromoted() ? "WAS PROMOTED" : "was never promoted",
                rollouts.brokenLive() ? "IS LIVE" : "is not live"));
        text.append(ok() ? "  OK: nothing lost or scored twice, every poison record dead-lettered, every outcome counted "
                + "once, the broken model neither promoted nor left live"
                : "  FAILED: see lost / scored twice / poison / outcomes / rollouts above");
        text.append(System.lineSeparator());
        return text.toString();
    }

    private static Double round(double value) {
        return Double.isFinite(value) ? Math.round(value * 10_000) / 10_000.0 : null;
    }
}
