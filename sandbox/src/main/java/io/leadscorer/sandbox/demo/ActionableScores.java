package io.leadscorer.sandbox.demo;

import io.leadscorer.avro.Reason;
import io.leadscorer.avro.ScoredLead;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a sales rep sees of the scores in a demo run: how the scored leads split across the bundle's priority tiers,
 * and a few scored leads with the reasons their scores carry.
 */
public record ActionableScores(Map<String, Long> tiers, List<String> examples) {

    public static final ActionableScores NONE = new ActionableScores(Map.of(), List.of());

    public ActionableScores {
        tiers = new TreeMap<>(tiers);
        examples = List.copyOf(examples);
    }

    /** The tier mix in one line: each tier's share of the scored leads. */
    String tierMix() {
        long total = tiers.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            return "no tiers (the bundles record none)";
        }
        return tiers.entrySet().stream()
                .map(tier -> String.format(Locale.ROOT, "%s %.0f%%", tier.getKey(), 100.0 * tier.getValue() / total))
                .collect(Collectors.joining("  "));
    }

    /** One scored lead for people: its probability, tier, percentile and reasons. */
    static String describe(ScoredLead score) {
        String reasons = score.getReasons().stream().map(ActionableScores::reason).collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, "%s  p=%.3f  tier %s (percentile %s)  %s", score.getLeadId(),
                score.getProbability(), score.getTier() == null ? "-" : score.getTier(),
                score.getPercentile() == null ? "-" : String.format(Locale.ROOT, "%.0f", score.getPercentile()),
                reasons.isEmpty() ? "no reasons" : reasons);
    }

    private static String reason(Reason reason) {
        return String.format(Locale.ROOT, "%s=%s %+.2f", reason.getColumn(),
                reason.getValue() == null ? "(missing)" : reason.getValue(), reason.getContribution());
    }
}
