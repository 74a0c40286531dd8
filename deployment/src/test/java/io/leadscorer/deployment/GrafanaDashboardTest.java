package io.leadscorer.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * deployment/grafana/lead-scorer.json: it parses, every panel query and template variable names only metrics the
 * services expose (the same list the alert rules are held to), and it shows what an operator needs from both services.
 */
class GrafanaDashboardTest {

    private static final Path DASHBOARD = Project.file("deployment/grafana/lead-scorer.json");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([^,)]+)");

    private static List<Map<String, Object>> panels(Map<String, Object> dashboard) {
        List<Map<String, Object>> panels = new ArrayList<>();
        for (Object panel : YamlPath.list(dashboard, "panels")) {
            panels.add(YamlPath.map(panel));
            if (YamlPath.has(panel, "panels")) {
                YamlPath.list(panel, "panels").forEach(inner -> panels.add(YamlPath.map(inner)));
            }
        }
        return panels;
    }

    @Test
    void everyQueryNamesOnlyExposedMetrics() {
        Map<String, Object> dashboard = Project.documents(DASHBOARD).get(0);
        Set<String> exposed = PromQl.exposed().keySet();
        Set<String> used = new TreeSet<>();
        SoftAssertions softly = new SoftAssertions();
        int queries = 0;
        for (Map<String, Object> panel : panels(dashboard)) {
            if (!panel.containsKey("targets")) {
                continue;
            }
            for (Object target : YamlPath.list(panel, "targets")) {
                String expr = YamlPath.string(target, "expr");
                Set<String> metrics = PromQl.metricNames(expr);
                softly.assertThat(metrics).as("%s: %s", panel.get("title"), expr).isNotEmpty();
                metrics.forEach(metric -> softly.assertThat(exposed.contains(metric) || PromQl.PROMETHEUS_OWN.contains(metric))
                        .as("panel '%s' uses %s, which no service exposes", panel.get("title"), metric).isTrue());
                used.addAll(metrics);
                queries++;
            }
        }
        for (Object variable : YamlPath.list(dashboard, "templating", "list")) {
            if (!"query".equals(YamlPath.string(variable, "type"))) {
                continue;
            }
            Object query = YamlPath.at(variable, "query");
            String text = query instanceof Map<?, ?> ? YamlPath.string(query, "query") : String.valueOf(query);
            Matcher matcher = LABEL_VALUES.matcher(text);
            softly.assertThat(matcher.find()).as("variable %s: %s", YamlPath.string(variable, "name"), text).isTrue();
            softly.assertThat(exposed).as("variable %s", YamlPath.string(variable, "name")).contains(matcher.group(1).trim());
        }
        softly.assertAll();
        assertThat(queries).isGreaterThanOrEqualTo(20);
        assertThat(used).as("throughput, latency, batches, dead letters, holds, models, quality, drift").contains(
                "leadscorer_records_in_total", "leadscorer_latency_end_to_end_seconds_bucket", "leadscorer_batch_size_leads_bucket",
                "leadscorer_records_dead_lettered_total", "leadscorer_buffer_held_seconds", "leadscorer_model_active",
                "leadscorer_monitor_model_auc", "leadscorer_monitor_model_log_loss", "leadscorer_monitor_model_ece",
                "leadscorer_monitor_model_score_psi", "leadscorer_monitor_model_drift_psi");
    }

    @Test
    void panelsHaveTitlesAndDistinctIdsAndEveryQueryAnId() {
        Map<String, Object> dashboard = Project.documents(DASHBOARD).get(0);
        assertThat(YamlPath.string(dashboard, "uid")).isEqualTo("lead-scorer");
        Set<Object> ids = new TreeSet<>();
        for (Map<String, Object> panel : panels(dashboard)) {
            assertThat(String.valueOf(panel.get("title"))).isNotBlank();
            assertThat(ids.add(String.valueOf(panel.get("id")))).as("id %s", panel.get("id")).isTrue();
            if (panel.containsKey("targets")) {
                assertThat(YamlPath.list(panel, "targets")).allSatisfy(t -> assertThat(YamlPath.string(t, "refId")).isNotBlank());
            }
        }
    }
}
