package io.leadscorer.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlTest {

    @Test
    void findsTheSelectedMetricsAndNothingElse() {
        assertThat(PromQl.metricNames("histogram_quantile(0.99, sum by (le) (rate(leadscorer_latency_end_to_end_seconds_bucket"
                + "{job=\"lead-scorer\", le!=\"x_y\"}[$__rate_interval]))) > 5"))
                .containsExactly("leadscorer_latency_end_to_end_seconds_bucket");
        assertThat(PromQl.metricNames("sum by (reason) (rate(a_total[15m])) / on () group_left sum(rate(b_total[15m])) > 0.01"
                + " and c offset 1h unless absent(d{x=\"and\"} == 1)"))
                .containsExactly("a_total", "b_total", "c", "d");
        assertThat(PromQl.metricNames("max_over_time((x and on (instance, model) y >= 1e3)[7d:1h]) - 0.05"))
                .containsExactly("x", "y");
    }

    @Test
    void everyExposedNameBelongsToAServiceThatIsChecked() {
        assertThat(PromQl.exposed()).isNotEmpty().allSatisfy((name, service) -> {
            assertThat(service).isIn("scorer", "monitor");
            assertThat(name).matches("[a-z_:][a-z0-9_:]*");
        });
    }
}
