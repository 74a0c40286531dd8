package io.leadscorer.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.leadscorer.schemas.testing.ApplicationYml;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * compose.yaml against what the services read: images, environment variable names, ports, health check paths,
 * volume mounts, topics, start order, the simulator's options, Prometheus' targets; and rendered by docker-compose
 * where it is installed.
 */
class ComposeFileTest {

    /** An image of this project: lead-scorer/NAME:${LEAD_SCORER_VERSION:-VERSION}. */
    private static final Pattern OWN_IMAGE = Pattern.compile("lead-scorer/([a-z]+):\\$\\{LEAD_SCORER_VERSION:-([^}]+)}");

    private static Map<String, Object> services;
    private static Map<String, Object> compose;

    @BeforeAll
    static void parse() {
        compose = Project.documents(Project.file("compose.yaml")).get(0);
        services = YamlPath.map(compose, "services");
    }

    @Test
    void ownImagesAreTheJibImagesAtTheProjectVersion() {
        List<String> own = new ArrayList<>();
        for (Map.Entry<String, Object> service : services.entrySet()) {
            String image = YamlPath.string(service.getValue(), "image");
            Matcher matcher = OWN_IMAGE.matcher(image);
            if (image.startsWith("lead-scorer/")) {
                assertThat(matcher.matches()).as("%s: %s", service.getKey(), image).isTrue();
                assertThat(Project.IMAGES).contains(matcher.group(1));
                assertThat(matcher.group(2)).as(service.getKey()).isEqualTo(Project.version());
                own.add(matcher.group(1));
            }
        }
        assertThat(own).contains("scorer", "monitor", "trainer", "simulator");
        assertThat(YamlPath.string(services.get("kafka"), "image")).startsWith("apache/kafka:");
        assertThat(YamlPath.string(services.get("schema-registry"), "image")).startsWith("confluentinc/cp-schema-registry:");
    }

    @Test
    void everyEnvironmentVariableOfAServiceImageIsOneItReads() {
        SoftAssertions softly = new SoftAssertions();
        for (Map.Entry<String, Object> service : services.entrySet()) {
            Optional<String> module = module(service.getValue());
            if (module.isEmpty() || !YamlPath.has(service.getValue(), "environment")) {
                continue;
            }
            for (String variable : YamlPath.map(service.getValue(), "environment").keySet()) {
                softly.assertThat(Project.reads(module.get(), variable))
                        .as("%s sets %s, which the %s does not read", service.getKey(), variable, module.get()).isTrue();
            }
        }
        softly.assertAll();
    }

    @Test
    void theScorerIsScalableAndChecksItsReadinessOnItsOwnPort() {
        Map<String, Object> scorer = YamlPath.map(services, "scorer");
        assertScalableAndReadinessChecked(scorer, Project.httpPort("scorer"));
        assertThat(YamlPath.map(scorer, "environment")).doesNotContainKey("SCORER_HTTP_PORT");
        assertThat(stopGraceSeconds(YamlPath.string(scorer, "stop_grace_period"))).isGreaterThan(90);
    }

    @Test
    void theMonitorIsScalableChecksItsReadinessAndStartsAfterTheTopicsAndTheRegistry() {
        Map<String, Object> monitor = YamlPath.map(services, "monitor");
        assertScalableAndReadinessChecked(monitor, Project.httpPort("monitor"));
        assertThat(YamlPath.map(monitor, "environment")).doesNotContainKey("MONITOR_HTTP_PORT");
        assertThat(YamlPath.string(monitor, "depends_on", "topics", "condition")).isEqualTo("service_completed_successfully");
        assertThat(YamlPath.string(monitor, "depends_on", "schema-registry", "condition")).isEqualTo("service_healthy");
        // its own consumer group: a monitor never takes partitions from the scorers
        ApplicationYml settings = Project.settings("monitor");
        String applicationId = setOrDefault(monitor, settings, "monitor.application-id");
        assertThat(applicationId).isEqualTo("lead-scorer-monitor")
                .isNotEqualTo(String.valueOf(YamlPath.map(services.get("scorer"), "environment").get("SCORER_APPLICATION_ID")));
        // the streams close within 60 s
        assertThat(stopGraceSeconds(YamlPath.string(monitor, "stop_grace_period"))).isGreaterThan(60);
    }

    @Test
    void theMonitorReadsTheBundlesFromTheModelVolumeReadOnly() {
        Map<String, Object> monitor = YamlPath.map(services, "monitor");
        assertThat(YamlPath.list(monitor, "volumes")).contains("models:/models:ro");
        assertThat(setOrDefault(monitor, Project.settings("monitor"), "monitor.model-store")).isEqualTo("/models");
    }

    @Test
    void theModelVolumeIsWrittenByTheTrainerAndReadOnlyInTheScorer() {
        Map<String, Object> scorer = YamlPath.map(services, "scorer");
        String bundle = String.valueOf(YamlPath.map(scorer, "environment").get("SCORER_INITIAL_BUNDLE"));
        assertThat(YamlPath.list(scorer, "volumes")).contains("models:/models:ro");
        assertThat(bundle).startsWith("/models/");

        Map<String, Object> trainer = YamlPath.map(services, "trainer");
        List<String> command = YamlPath.list(trainer, "command").stream().map(String::valueOf).toList();
        assertThat(command).containsSubsequence("--store", "/models").containsSubsequence("--data", "/data/train.csv")
                .contains("--publish");
        assertThat(YamlPath.list(trainer, "volumes")).contains("models:/models", "data:/data:ro");
        assertThat(YamlPath.list(services.get("training-data"), "volumes")).contains("data:/data");
        assertThat(YamlPath.list(services.get("training-data"), "command")).containsSubsequence("--out", "/data/train.csv");
        assertThat(YamlPath.list(services.get("model-link"), "volumes")).contains("models:/models");
        assertThat(YamlPath.map(compose, "volumes")).containsKeys("models", "data");
    }

    @Test
    void theTopicsAreTheOnesTheServicesUseAndTheControlTopicIsCompacted() {
        String script = topicScript();
        ApplicationYml scorer = Project.settings("scorer");
        for (String key : List.of("scorer.topics.input", "scorer.topics.output", "scorer.topics.dead-letter")) {
            assertThat(script).contains("--topic " + scorer.setting(key).shownDefault() + " ");
        }
        String control = Project.settings("trainer").setting("trainer.publish.control-topic").shownDefault();
        assertThat(script).contains("--topic " + control + " --partitions 1 --config cleanup.policy=compact");
        assertThat(String.valueOf(YamlPath.map(services.get("trainer"), "environment").get("TRAINER_PUBLISH_CONTROL_TOPIC")))
                .isEqualTo(control);
        assertThat(script).contains("--topic lead-scorer.status");
    }

    @Test
    void theMonitorsTopicsExistOutcomesPartitionedLikeScoresAndQualityCompacted() {
        Map<String, String> created = new HashMap<>();
        Matcher create = Pattern.compile("(?m)^\\s*create --topic (\\S+) --partitions (\\S+)(.*)$").matcher(topicScript());
        while (create.find()) {
            created.put(create.group(1), create.group(2) + create.group(3));
        }
        ApplicationYml monitor = Project.settings("monitor");
        String scores = monitor.setting("monitor.topics.scores").shownDefault();
        String outcomes = monitor.setting("monitor.topics.outcomes").shownDefault();
        String events = monitor.setting("monitor.topics.events").shownDefault();
        String quality = monitor.setting("monitor.topics.quality").shownDefault();
        String deadLetter = monitor.setting("monitor.topics.dead-letter").shownDefault();
        String scorerDeadLetter = monitor.setting("monitor.topics.scorer-dead-letter").shownDefault();
        assertThat(created).containsKeys(scores, outcomes, events, quality, deadLetter, scorerDeadLetter);
        assertThat(scores).isEqualTo(Project.settings("scorer").setting("scorer.topics.output").shownDefault());
        assertThat(scorerDeadLetter)
                .isEqualTo(Project.settings("scorer").setting("scorer.topics.dead-letter").shownDefault());
        // joined by lead id: the same partition count, whatever INPUT_PARTITIONS is set to
        assertThat(created.get(outcomes)).isEqualTo(created.get(scores)).contains("INPUT_PARTITIONS");
        assertThat(created.get(events)).isEqualTo(created.get(scores));
        assertThat(created.get(quality)).endsWith("--config cleanup.policy=compact");
        assertThat(created.get(deadLetter)).doesNotContain("cleanup.policy=compact");
    }

    @Test
    void theSimulatorSendsOutcomesToTheTopicTheMonitorReads() throws IOException {
        Map<String, Object> simulator = YamlPath.map(services, "simulator");
        List<String> command = YamlPath.list(simulator, "command").stream().map(String::valueOf).toList();
        ApplicationYml monitor = Project.settings("monitor");
        assertThat(command.get(0)).isEqualTo("produce");
        assertThat(command).containsSubsequence("--topic", Project.settings("scorer").setting("scorer.topics.input").shownDefault())
                .containsSubsequence("--outcomes-topic", monitor.setting("monitor.topics.outcomes").shownDefault())
                .contains("--outcome-delay-mean");
        // every option given is one that `simulate produce` takes
        String produce = Files.readString(Project.file(
                "simulator/src/main/java/io/leadscorer/simulator/cli/ProduceCommand.java"));
        for (String option : command.stream().filter(a -> a.startsWith("--")).toList()) {
            assertThat(produce).as("simulate produce %s", option).contains("names = \"" + option + "\"");
        }
    }

    @Test
    void servicesStartInOrderOnHealthAndCompletion() {
        Set<String> conditions = Set.of("service_started", "service_healthy", "service_completed_successfully");
        for (Map.Entry<String, Object> service : services.entrySet()) {
            if (!YamlPath.has(service.getValue(), "depends_on")) {
                continue;
            }
            for (Map.Entry<String, Object> dependency : YamlPath.map(service.getValue(), "depends_on").entrySet()) {
                assertThat(services).as(service.getKey()).containsKey(dependency.getKey());
                String condition = YamlPath.string(dependency.getValue(), "condition");
                assertThat(conditions).as("%s -> %s", service.getKey(), dependency.getKey()).contains(condition);
                if (condition.equals("service_healthy")) {
                    assertThat(services.get(dependency.getKey()))
                            .as("%s waits for %s to be healthy", service.getKey(), dependency.getKey())
                            .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP).containsKey("healthcheck");
                }
            }
        }
        assertThat(YamlPath.string(services.get("scorer"), "depends_on", "model-link", "condition"))
                .isEqualTo("service_completed_successfully");
        assertThat(YamlPath.string(services.get("trainer"), "depends_on", "topics", "condition"))
                .isEqualTo("service_completed_successfully");
    }

    @Test
    void prometheusIsAProfileAndScrapesTheScorersAndTheMonitorsMetricsPath() {
        Map<String, Object> prometheus = YamlPath.map(services, "prometheus");
        assertThat(YamlPath.list(prometheus, "profiles")).containsExactly("metrics");
        Map<String, Object> config = Project.documents(Project.file("compose/prometheus.yml")).get(0);
        Map<String, String> portByService = new HashMap<>();
        for (Object scrape : YamlPath.list(config, "scrape_configs")) {
            assertThat(YamlPath.string(scrape, "metrics_path")).isEqualTo("/prometheus").isIn(Project.SERVICE_HTTP_PATHS);
            Map<String, Object> discovery = YamlPath.map(YamlPath.list(scrape, "dns_sd_configs").get(0));
            for (Object name : YamlPath.list(discovery, "names")) {
                portByService.put(String.valueOf(name), YamlPath.string(discovery, "port"));
            }
        }
        assertThat(portByService).containsOnly(Map.entry("scorer", Project.httpPort("scorer")),
                Map.entry("monitor", Project.httpPort("monitor")));
        assertThat(YamlPath.map(prometheus, "depends_on")).containsKeys("scorer", "monitor");
    }

    @Test
    void dockerComposeRendersTheFileWhereInstalled() {
        Optional<ExternalTool> compose = ExternalTool.onPath("docker-compose");
        assumeTrue(compose.isPresent(), "docker-compose is not on the PATH");
        // one rendering with every profile's services: docker-compose validates the file and fills in the defaults
        ExternalTool.Result rendered = compose.get().run(Project.root(), "-f", "compose.yaml", "--profile", "metrics", "config");
        assertThat(rendered.exitCode()).as(rendered.err()).isZero();
        Map<String, Object> services = YamlPath.map(Project.documents(rendered.out()).get(0), "services");
        assertThat(services).containsKeys("kafka", "schema-registry", "topics", "trainer", "scorer", "monitor", "simulator",
                "prometheus");
        assertThat(YamlPath.string(services.get("scorer"), "image")).isEqualTo("lead-scorer/scorer:" + Project.version());
        assertThat(YamlPath.string(services.get("monitor"), "image")).isEqualTo("lead-scorer/monitor:" + Project.version());
    }

    /** No container name and a container port only (each replica gets a free host port); readiness on that port. */
    private static void assertScalableAndReadinessChecked(Map<String, Object> service, String port) {
        assertThat(service).doesNotContainKey("container_name");
        assertThat(YamlPath.list(service, "ports")).containsExactly(port);
        String check = String.join(" ", YamlPath.list(service, "healthcheck", "test").stream().map(String::valueOf).toList());
        assertThat(check).contains("/dev/tcp/localhost/" + port + " ").contains("GET /health/readiness ");
    }

    /** The value a service's environment gives a setting, or the setting's default where it gives none. */
    private static String setOrDefault(Map<String, Object> service, ApplicationYml settings, String key) {
        ApplicationYml.Setting setting = settings.setting(key);
        Object set = YamlPath.has(service, "environment")
                ? YamlPath.map(service, "environment").get(setting.variable().orElse(setting.mappedVariable())) : null;
        return set == null ? setting.shownDefault() : String.valueOf(set);
    }

    private static String topicScript() {
        return String.join("\n", YamlPath.list(services.get("topics"), "command").stream().map(String::valueOf).toList());
    }

    private static Optional<String> module(Object service) {
        Matcher matcher = OWN_IMAGE.matcher(YamlPath.string(service, "image"));
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    private static int stopGraceSeconds(String duration) {
        Matcher matcher = Pattern.compile("(\\d+)s").matcher(duration);
        assertThat(matcher.matches()).as(duration).isTrue();
        return Integer.parseInt(matcher.group(1));
    }
}
