package io.leadscorer.simulator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadscorer.simulator.produce.OutcomeCounts;
import io.leadscorer.simulator.produce.ProduceSummary;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class JsonLineTest {

    private static final ProduceSummary SUMMARY = new ProduceSummary("mql.events", 10, 0, 1.5, 6.7, 10, null, null);

    @Test
    void writesTheSummaryInSnakeCaseAndLeavesOutOutcomesThatWereOff() throws Exception {
        JsonNode json = print(SUMMARY);

        assertThat(json.get("target_rate").asDouble()).isEqualTo(10);
        assertThat(json.has("first_error")).isTrue();
        assertThat(json.has("outcomes")).isFalse();
    }

    @Test
    void writesTheOutcomeCountsWhenOutcomesWereOn() throws Exception {
        JsonNode json = print(SUMMARY.withOutcomes(new OutcomeCounts("mql.outcomes", 3, 6, 1, 2, "boom")));

        JsonNode outcomes = json.get("outcomes");
        assertThat(outcomes.get("topic").asText()).isEqualTo("mql.outcomes");
        assertThat(outcomes.get("converted").asLong()).isEqualTo(3);
        assertThat(outcomes.get("not_converted").asLong()).isEqualTo(6);
        assertThat(outcomes.get("failed").asLong()).isEqualTo(1);
        assertThat(outcomes.get("sent_early").asLong()).isEqualTo(2);
        assertThat(outcomes.get("first_error").asText()).isEqualTo("boom");
    }

    private static JsonNode print(Object summary) throws Exception {
        StringWriter out = new StringWriter();
        JsonLine.print(new PrintWriter(out), summary);
        assertThat(out.toString()).endsWith(System.lineSeparator()).doesNotContain("\n{");
        return new ObjectMapper().readTree(out.toString());
    }
}
