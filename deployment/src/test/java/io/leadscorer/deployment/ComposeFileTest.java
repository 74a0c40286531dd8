package io.leadscorer.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.leadscorer.schemas.testing.ApplicationYml;
import java.util.ArrayList;
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
 * volume mounts, topics, start order; and rendered by docker-compose where it is installed.
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
        assertThat(own).contains("scorer", "trainer", "simulator");
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
        assertThat(scorer).doesNotContainKey("container_name");
        String port = Project.settings("scorer").setting("micronaut.server.port").shownDefault();
        // a container port only (each replica gets a free host port), the port the scorer listens on
        assertThat(YamlPath.list(scorer, "ports")).containsExactly(port);
        String check = String.join(" ", YamlPath.list(scorer, "healthcheck", "test").stream().map(String::valueOf).toList());
        assertThat(check).contains("/dev/tcp/localhost/" + port + " ").contains("GET /health/readiness ");
        Map<String, Object> environment = YamlPath.map(scorer, "environment");
        assertThat(environment).doesNotContainKey("SCORER_HTTP_PORT");
        assertThat(stopGraceSeconds(YamlPath.string(scorer, "stop_grace_period"))).isGreaterThan(90);
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
        String script = String.join("\n", YamlPath.list(services.get("topics"), "command").stream().map(String::valueOf).toList());
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
    void prometheusIsAProfileAndScrapesTheScorersMetricsPath() {
        Map<String, Object> prometheus = YamlPath.map(services, "prometheus");
        assertThat(YamlPath.list(prometheus, "profiles")).containsExactly("metrics");
        Map<String, Object> config = Project.documents(Project.file("compose/prometheus.yml")).get(0);
        Map<String, Object> job = YamlPath.map(YamlPath.list(config, "scrape_configs").get(0));
        assertThat(Project.SERVICE_HTTP_PATHS).contains(YamlPath.string(job, "metrics_path"));
        assertThat(YamlPath.string(job, "metrics_path")).isEqualTo("/prometheus");
        Map<String, Object> discovery = YamlPath.map(YamlPath.list(job, "dns_sd_configs").get(0));
        assertThat(YamlPath.list(discovery, "names")).containsExactly("scorer");
        assertThat(YamlPath.string(discovery, "port"))
                .isEqualTo(Project.settings("scorer").setting("micronaut.server.port").shownDefault());
    }

    @Test
    void dockerComposeRendersTheFileWhereInstalled() {
        Optional<ExternalTool> compose = ExternalTool.onPath("docker-compose");
        assumeTrue(compose.isPresent(), "docker-compose is not on the PATH");
        // one rendering with every profile's services: docker-compose validates the file and fills in the defaults
        ExternalTool.Result rendered = compose.get().run(Project.root(), "-f", "compose.yaml", "--profile", "metrics", "config");
        assertThat(rendered.exitCode()).as(rendered.err()).isZero();
        Map<String, Object> services = YamlPath.map(Project.documents(rendered.out()).get(0), "services");
        assertThat(services).containsKeys("kafka", "schema-registry", "topics", "trainer", "scorer", "simulator", "prometheus");
        assertThat(YamlPath.string(services.get("scorer"), "image")).isEqualTo("lead-scorer/scorer:" + Project.version());
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
