package io.leadscorer.sandbox.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoSummaryTest {

    private static final DemoSummary.Rollouts NO_ROLLOUTS = new DemoSummary.Rollouts(List.of(), false, false);

    @Test
    void okOnlyWithNothingLostNothingDuplicatedAndNoPoisonMissed() {
        assertThat(summary(0, 0, List.of()).ok()).isTrue();
        assertThat(summary(1, 0, List.of()).ok()).isFalse();
        assertThat(summary(0, 2, List.of()).ok()).isFalse();
        assertThat(summary(0, 0, List.of("unknown-schema-id")).ok()).isFalse();
    }

    @Test
    void jsonKeepsModelsInServingOrder() throws Exception {
        var json = new ObjectMapper().readTree(summary(0, 0, List.of()).toJson());
        assertThat(json.get("models")).extracting(n -> n.asText()).containsExactly("a", "b");
        assertThat(json.get("live_f1").asDouble()).isEqualTo(0.5);
        assertThat(json.get("p99_ms").isNull()).isTrue();
        assertThat(json.get("kafka").asText()).isEqualTo("localhost:9092");
    }

    private static DemoSummary summary(long lost, long duplicated, List<String> poisonMissed) {
        Map<String, Long> byModel = new LinkedHashMap<>();
        byModel.put("a", 10L);
        byModel.put("b", 5L);
        return new DemoSummary(15 + lost, 15, 3, lost, duplicated, 3, poisonMissed, List.of("a", "b"), byModel, true,
                0.5, 0.8, 100, 40, Double.NaN, "localhost:9092", "http://localhost:8081", 2, 10, LiveOutcomes.NONE,
                ActionableScores.NONE, 0, 0, NO_ROLLOUTS);
    }

    @Test
    void outcomesTheMonitorDidNotCountMakeTheRunFail() {
        DemoSummary counted = summary(0, 0, List.of());
        DemoSummary missed = new DemoSummary(15, 15, 3, 0, 0, 3, List.of(), List.of("a"), Map.of("a", 15L), true, 0.5,
                0.8, 100, 40, 50, "localhost:9092", "http://localhost:8081", 2, 10,
                new LiveOutcomes(15, 14, 15, Map.of()), ActionableScores.NONE, 0, 0, NO_ROLLOUTS);
        assertThat(counted.ok()).isTrue();
        assertThat(missed.ok()).isFalse();
        assertThat(missed.forPerson()).contains("15 reported; labels counted by the monitor 14 of 15").contains("FAILED");
        assertThat(missed.toJson()).contains("\"outcomes_sent\":15").contains("\"outcomes_labelled\":14");
    }

    @Test
    void aBrokenModelPromotedOrLeftLiveMakesTheRunFail() throws Exception {
        Map<String, Object> promote = new LinkedHashMap<>();
        promote.put("action", "PROMOTE");
        promote.put("live", "broken");
        promote.put("evidence", Map.of("reason", "candidate better"));
        DemoSummary promoted = withRollouts(new DemoSummary.Rollouts(List.of(promote), true, true));
        DemoSummary left = withRollouts(new DemoSummary.Rollouts(List.of(), false, true));

        assertThat(promoted.ok()).isFalse();
        assertThat(left.ok()).isFalse();
        assertThat(promoted.forPerson()).contains("the monitor promoted 1").contains("WAS PROMOTED").contains("FAILED");
        var json = new ObjectMapper().readTree(promoted.toJson());
        assertThat(json.get("rollouts").get(0).get("evidence").get("reason").asText()).isEqualTo("candidate better");
    }

    private static DemoSummary withRollouts(DemoSummary.Rollouts rollouts) {
        return new DemoSummary(15, 15, 3, 0, 0, 3, List.of(), List.of("a"), Map.of("a", 15L), true, 0.5, 0.8, 100, 40,
                50, "localhost:9092", "http://localhost:8081", 2, 10, LiveOutcomes.NONE, ActionableScores.NONE, 0, 0, rollouts);
    }
}
