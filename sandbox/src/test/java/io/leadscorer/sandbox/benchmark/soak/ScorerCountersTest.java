package io.leadscorer.sandbox.benchmark.soak;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScorerCountersTest {

    @Test
    void sumsTheScoredCounterOverItsTagsAndReadsTheOpenGenerations() {
        String exposition = """
                # HELP leadscorer_records_scored_total Leads scored
                # TYPE leadscorer_records_scored_total counter
                leadscorer_records_scored_total{model="a"} 1200.0
                leadscorer_records_scored_total{model="b"} 34.0
                leadscorer_records_scored_totals_other 99.0
                # TYPE leadscorer_model_generations_open gauge
                leadscorer_model_generations_open 1.0
                """;

        assertThat(ScorerCounters.parse(exposition)).isEqualTo(new ScorerCounters(1234, 1));
    }
}
