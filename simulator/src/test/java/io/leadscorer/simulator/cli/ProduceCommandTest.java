package io.leadscorer.simulator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProduceCommandTest {

    @Test
    void refusesOutcomeSettingsOutsideTheirRangeBeforeSendingAnything() {
        CsvCommandTest.Run share = CsvCommandTest.Run.of("produce", "--bootstrap", "localhost:1", "--registry", "mock://produce-command",
                "--outcomes-topic", "mql.outcomes", "--outcome-share", "1.5");
        CsvCommandTest.Run delay = CsvCommandTest.Run.of("produce", "--bootstrap", "localhost:1", "--registry", "mock://produce-command",
                "--outcomes-topic", "mql.outcomes", "--outcome-delay-mean", "soon");

        assertThat(share.exitCode()).isEqualTo(2);
        assertThat(share.err()).contains("the share of reported outcomes must be between 0 and 1: 1.5");
        assertThat(delay.exitCode()).isEqualTo(2);
        assertThat(delay.err()).contains("'soon' is not a duration");
    }

    @Test
    void helpShowsTheOutcomeOptionsWithTheirDefaults() {
        CsvCommandTest.Run help = CsvCommandTest.Run.of("produce", "--help");

        assertThat(help.out()).contains("--outcomes-topic=TOPIC", "--outcome-delay-mean=DURATION", "(default: 2s)",
                "--outcome-delay-min=DURATION", "(default: 0s)", "--outcome-share=SHARE", "(default: 1.0)", "--wins-only");
    }
}
