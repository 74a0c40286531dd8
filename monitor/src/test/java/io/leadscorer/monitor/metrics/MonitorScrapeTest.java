package io.leadscorer.monitor.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadscorer.avro.ColumnDrift;
import io.leadscorer.avro.DriftLevel;
import io.leadscorer.avro.ModelQuality;
import io.leadscorer.avro.QualityScope;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The monitor's meters as Prometheus scrapes them, in the registry the service exports at /prometheus: each model's
 * figures and each column's drift by model, the inputs counted from start, and every monitor name that the alert rules
 * and the dashboard may use (deployment/prometheus/exposed-metrics.txt).
 */
class MonitorScrapeTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final MonitorMetrics metrics = new MonitorMetrics(registry);
    private final QualityGauges gauges = new QualityGauges(registry);

    private static ColumnDrift drift(String column, double psi) {
        return ColumnDrift.newBuilder().setColumn(column).setPsi(psi).setMissingRate(0.1).setReferenceMissingRate(0.1)
                .setLevel(psi >= 0.25 ? DriftLevel.ALARM : DriftLevel.OK).build();
    }

    private static ModelQuality cumulative(String model, long labelled, double auc, List<ColumnDrift> drift) {
        return ModelQuality.newBuilder().setModelId(model).setScope(QualityScope.CUMULATIVE)
                .setWindowStart(Instant.parse("2030-01-01T00:00:00Z")).setWindowEnd(Instant.parse("2030-01-01T01:00:00Z"))
                .setScored(labelled * 2).setLabelled(labelled).setPositives(labelled / 4).setAuc(auc).setLogLoss(0.41)
                .setBrier(0.12).setEce(0.02).setF1(0.6).setScorePsi(0.05).setTruePositives(1).setFalsePositives(2)
                .setFalseNegatives(3).setDrift(drift).setDriftLeads(drift.isEmpty() ? 0 : 50)
                .setUpdatedTime(Instant.parse("2030-01-01T01:00:00Z")).build();
    }

    @Test
    void theInputsThatAlertsCompareAreCountedFromZeroBeforeTheFirstOne() {
        String scrape = registry.scrape();
        assertThat(scrape)
                .contains("leadscorer_monitor_inputs_total{kind=\"outcome\",result=\"joined\"} 0.0")
                .contains("leadscorer_monitor_inputs_total{kind=\"outcome\",result=\"dead_lettered\"} 0.0")
                .contains("leadscorer_monitor_inputs_total{kind=\"score\",result=\"dead_lettered\"} 0.0");
        metrics.input("outcome", "joined");
        assertThat(registry.scrape()).contains("leadscorer_monitor_inputs_total{kind=\"outcome\",result=\"joined\"} 1.0");
    }

    @Test
    void eachColumnsDriftIsAGaugeByModelAndColumnFollowingTheLatestRecord() {
        gauges.accept(cumulative("model-a", 100, 0.8, List.of()));
        assertThat(registry.scrape()).doesNotContain("leadscorer_monitor_model_drift_psi{");

        gauges.accept(cumulative("model-a", 200, 0.81, List.of(drift("customer_country", 0.3), drift("enterprise", 0.01))));
        gauges.accept(cumulative("model-b", 10, 0.7, List.of(drift("customer_country", 0.02))));
        String scrape = registry.scrape();
        assertThat(scrape)
                .contains("leadscorer_monitor_model_drift_psi{column=\"customer_country\",model=\"model-a\"} 0.3")
                .contains("leadscorer_monitor_model_drift_psi{column=\"enterprise\",model=\"model-a\"} 0.01")
                .contains("leadscorer_monitor_model_drift_psi{column=\"customer_country\",model=\"model-b\"} 0.02")
                .contains("leadscorer_monitor_model_drift_psi_max{model=\"model-a\"} 0.3")
                .contains("leadscorer_monitor_model_labelled{model=\"model-a\"} 200.0");

        gauges.accept(cumulative("model-a", 300, 0.82, List.of(drift("customer_country", 0.05))));
        assertThat(registry.scrape())
                .contains("leadscorer_monitor_model_drift_psi{column=\"customer_country\",model=\"model-a\"} 0.05")
                .contains("leadscorer_monitor_model_drift_psi{column=\"enterprise\",model=\"model-a\"} NaN");
    }

    @Test
    void everyMonitorMetricTheRulesAndTheDashboardMayUseIsScraped() throws IOException {
        metrics.input("outcome", "joined");
        gauges.accept(cumulative("model-a", 200, 0.81, List.of(drift("customer_country", 0.3))));
        Set<String> scraped = registry.scrape().lines().filter(line -> !line.startsWith("#") && !line.isBlank())
                .map(line -> line.split("[{ ]", 2)[0]).collect(Collectors.toSet());
        Path list = Path.of(System.getProperty("basedir", ".")).resolve("../deployment/prometheus/exposed-metrics.txt");
        List<String> names = Files.readAllLines(list).stream().filter(line -> line.startsWith("monitor "))
                .map(line -> line.substring("monitor ".length()).trim()).toList();
        assertThat(names).isNotEmpty();
        assertThat(scraped).containsAll(names);
    }
}
