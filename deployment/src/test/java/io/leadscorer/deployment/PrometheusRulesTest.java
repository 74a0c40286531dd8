package io.leadscorer.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * deployment/prometheus/lead-scorer-rules.yml: the PrometheusRule in k8s holds the same groups; every alert names only
 * metrics the services expose, says how bad it is and what it means, and has a promtool test that makes it fire; and
 * where promtool is installed the rules pass `promtool check rules` and their unit tests pass `promtool test rules`.
 */
class PrometheusRulesTest {

    private static final Path RULES = Project.file("deployment/prometheus/lead-scorer-rules.yml");
    private static final Path TESTS = Project.file("deployment/prometheus/tests/lead-scorer-rules.test.yml");
    private static final Path PROMETHEUS_RULE = Project.file("k8s/components/prometheus-operator/prometheus-rule.yaml");

    private static List<Map<String, Object>> alerts() {
        List<Map<String, Object>> alerts = new ArrayList<>();
        for (Object group : YamlPath.list(Project.documents(RULES).get(0), "groups")) {
            YamlPath.list(group, "rules").forEach(rule -> alerts.add(YamlPath.map(rule)));
        }
        return alerts;
    }

    @Test
    void thePrometheusRuleHoldsTheSameGroupsAsTheRulesFile() {
        Map<String, Object> resource = Project.documents(PROMETHEUS_RULE).get(0);
        assertThat(resource.get("kind")).isEqualTo("PrometheusRule");
        assertThat(YamlPath.at(resource, "spec", "groups")).as("run deployment/prometheus/to-prometheus-rule.sh")
                .isEqualTo(Project.documents(RULES).get(0).get("groups"));
    }

    @Test
    void everyAlertNamesOnlyExposedMetricsAndSaysWhatItMeans() {
        Set<String> exposed = PromQl.exposed().keySet();
        List<Map<String, Object>> alerts = alerts();
        assertThat(alerts).hasSizeGreaterThanOrEqualTo(15);
        Set<String> used = new TreeSet<>();
        SoftAssertions softly = new SoftAssertions();
        for (Map<String, Object> alert : alerts) {
            String name = YamlPath.string(alert, "alert");
            Set<String> metrics = PromQl.metricNames(YamlPath.string(alert, "expr"));
            softly.assertThat(metrics).as(name).isNotEmpty();
            for (String metric : metrics) {
                softly.assertThat(exposed.contains(metric) || PromQl.PROMETHEUS_OWN.contains(metric))
                        .as("%s uses %s, which no service exposes (deployment/prometheus/exposed-metrics.txt)", name, metric).isTrue();
            }
            used.addAll(metrics);
            softly.assertThat(YamlPath.string(alert, "labels", "severity")).as(name).isIn("warning", "critical");
            softly.assertThat(YamlPath.map(alert, "annotations")).as(name).containsKeys("summary", "description");
        }
        softly.assertAll();
        assertThat(used).as("both services are watched").contains("leadscorer_ready", "leadscorer_monitor_inputs_total");
    }

    @Test
    void everyAlertHasAPromtoolTestWhereItFiresAndOneWhereItStaysQuiet() {
        Set<String> fires = new TreeSet<>();
        Set<String> quiet = new TreeSet<>();
        Map<String, Object> tests = Project.documents(TESTS).get(0);
        assertThat(YamlPath.list(tests, "rule_files")).containsExactly("../lead-scorer-rules.yml");
        for (Object test : YamlPath.list(tests, "tests")) {
            for (Object check : YamlPath.list(test, "alert_rule_test")) {
                String alert = YamlPath.string(check, "alertname");
                (YamlPath.list(check, "exp_alerts").isEmpty() ? quiet : fires).add(alert);
            }
        }
        Set<String> names = new TreeSet<>(alerts().stream().map(a -> YamlPath.string(a, "alert")).toList());
        assertThat(fires).as("alerts a test makes fire").isEqualTo(names);
        assertThat(quiet).as("alerts a test keeps quiet").isEqualTo(names);
    }

    @Test
    void theServiceMonitorsScrapeEachServiceAsTheJobTheRulesSelect() {
        Set<String> jobs = new TreeSet<>();
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("job=\"([^\"]+)\"")
                .matcher(String.join("\n", alerts().stream().map(a -> YamlPath.string(a, "expr")).toList()));
        while (matcher.find()) {
            jobs.add(matcher.group(1));
        }
        assertThat(jobs).containsExactlyInAnyOrder("lead-scorer", "lead-scorer-monitor");
        List<Map<String, Object>> services = KustomizeManifestsTest.baseDocuments().stream()
                .filter(d -> "Service".equals(d.get("kind"))).toList();
        Set<String> scraped = new TreeSet<>();
        for (Map<String, Object> monitor : Project.documents(Project.file("k8s/components/prometheus-operator/service-monitors.yaml"))) {
            assertThat(monitor.get("kind")).isEqualTo("ServiceMonitor");
            Map<String, Object> selector = YamlPath.map(monitor, "spec", "selector", "matchLabels");
            List<Map<String, Object>> selected = services.stream()
                    .filter(s -> YamlPath.map(s, "metadata", "labels").entrySet().containsAll(selector.entrySet())).toList();
            assertThat(selected).as("Services selected by %s", YamlPath.string(monitor, "metadata", "name")).hasSize(1);
            Map<String, Object> service = selected.get(0);
            // without a jobLabel the Prometheus Operator names the job after the Service
            assertThat(YamlPath.has(monitor, "spec", "jobLabel")).isFalse();
            scraped.add(YamlPath.string(service, "metadata", "name"));
            Object endpoint = YamlPath.list(monitor, "spec", "endpoints").get(0);
            assertThat(YamlPath.string(endpoint, "path")).isEqualTo("/prometheus");
            assertThat(YamlPath.list(service, "spec", "ports")).extracting(p -> YamlPath.string(p, "name"))
                    .contains(YamlPath.string(endpoint, "port"));
        }
        assertThat(scraped).isEqualTo(jobs);
    }

    @Test
    void promtoolChecksTheRulesAndPassesTheirTests() {
        Optional<ExternalTool> promtool = ExternalTool.onPath("promtool");
        assumeTrue(promtool.isPresent(), "promtool is not on the PATH (apt-get install prometheus)");
        ExternalTool.Result check = promtool.get().run(Project.root(), "check", "rules", RULES.toString());
        assertThat(check.exitCode()).as(check.out() + check.err()).isZero();
        ExternalTool.Result test = promtool.get().run(TESTS.getParent(), "test", "rules", TESTS.getFileName().toString());
        assertThat(test.exitCode()).as(test.out() + test.err()).isZero();
        assertThat(test.out() + test.err()).contains("SUCCESS");
    }
}
