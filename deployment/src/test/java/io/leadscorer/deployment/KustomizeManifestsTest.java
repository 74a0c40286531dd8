package io.leadscorer.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.leadscorer.schemas.testing.ApplicationYml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * k8s/ against what the services read: every kustomize file parses; the base's scorer Deployment, its ConfigMap,
 * Secrets, probes, ports, volumes and the trainer Job and CronJob match the services' application.yml; the gpu
 * overlay asks for a GPU; and where kubectl is installed each overlay is rendered and checked the same way.
 */
class KustomizeManifestsTest {

    private static final Path K8S = Project.file("k8s");

    @Test
    void everyKustomizeFileParsesAndEveryResourceItListsExists() throws IOException {
        List<Path> kustomizations;
        try (Stream<Path> files = Files.walk(K8S)) {
            kustomizations = files.filter(f -> f.getFileName().toString().equals("kustomization.yaml")).toList();
        }
        assertThat(kustomizations).extracting(f -> K8S.relativize(f).toString()).contains(
                "base/kustomization.yaml", "overlays/cpu/kustomization.yaml", "overlays/gpu/kustomization.yaml",
                "components/strimzi-topics/kustomization.yaml");
        for (Path kustomization : kustomizations) {
            Map<String, Object> document = Project.documents(kustomization).get(0);
            for (String key : List.of("resources", "components")) {
                if (document.get(key) instanceof List<?> entries) {
                    for (Object entry : entries) {
                        assertThat(kustomization.getParent().resolve(String.valueOf(entry))).as("%s in %s", entry, kustomization).exists();
                    }
                }
            }
            if (document.get("patches") instanceof List<?> patches) {
                for (Object patch : patches) {
                    if (YamlPath.has(patch, "path")) {
                        assertThat(Project.documents(kustomization.getParent().resolve(YamlPath.string(patch, "path")))).isNotEmpty();
                    }
                }
            }
        }
    }

    @Test
    void theBaseMatchesWhatTheServicesRead() {
        Manifests base = Manifests.of(baseDocuments());
        checkServices(base, "cpu");
    }

    @Test
    void theStrimziTopicsAreTheScorersAndTheControlTopicIsCompacted() {
        List<Map<String, Object>> topics = Project.documents(K8S.resolve("components/strimzi-topics/kafka-topics.yaml"));
        assertThat(topics).allSatisfy(t -> assertThat(YamlPath.string(t, "kind")).isEqualTo("KafkaTopic"));
        Map<String, Map<String, Object>> byName = new java.util.HashMap<>();
        topics.forEach(t -> byName.put(YamlPath.string(t, "spec", "topicName"), t));
        ApplicationYml scorer = Project.settings("scorer");
        String input = scorer.setting("scorer.topics.input").shownDefault();
        assertThat(byName).containsKeys(input, scorer.setting("scorer.topics.output").shownDefault(),
                scorer.setting("scorer.topics.dead-letter").shownDefault(), "lead-scorer.status");
        String control = Project.settings("trainer").setting("trainer.publish.control-topic").shownDefault();
        assertThat(YamlPath.string(byName.get(control), "spec", "config", "cleanup.policy")).isEqualTo("compact");
        int partitions = Integer.parseInt(YamlPath.string(byName.get(input), "spec", "partitions"));
        int replicas = Integer.parseInt(YamlPath.string(Manifests.of(baseDocuments()).one("Deployment", "lead-scorer"), "spec", "replicas"));
        assertThat(replicas).as("scorer replicas beyond the input partitions idle").isLessThanOrEqualTo(partitions);
    }

    @Test
    void theGpuOverlayRequestsAGpuUsesTheGpuImageAndSetsTheDevice() {
        Path overlay = K8S.resolve("overlays/gpu");
        Map<String, Object> kustomization = Project.documents(overlay.resolve("kustomization.yaml")).get(0);
        assertThat(YamlPath.list(kustomization, "images")).anySatisfy(image -> {
            assertThat(YamlPath.string(image, "name")).isEqualTo("lead-scorer/scorer");
            assertThat(YamlPath.string(image, "newTag")).isEqualTo(Project.version() + "-gpu");
        });
        Map<String, Object> patch = Project.documents(overlay.resolve("scorer-gpu.yaml")).get(0);
        Map<String, Object> container = YamlPath.map(YamlPath.list(patch, "spec", "template", "spec", "containers").get(0));
        assertThat(YamlPath.string(container, "resources", "limits", "nvidia.com/gpu")).isEqualTo("1");
        assertThat(kustomizationText(overlay)).contains("path: /data/SCORER_DEVICE").contains("value: gpu");
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu"})
    void kubectlRendersEachOverlayAndTheRenderingMatchesWhereInstalled(String overlay) {
        Optional<ExternalTool> kubectl = ExternalTool.onPath("kubectl");
        assumeTrue(kubectl.isPresent(), "kubectl is not on the PATH");
        ExternalTool.Result result = kubectl.get().run(Project.root(), "kustomize", "k8s/overlays/" + overlay);
        assertThat(result.exitCode()).as(result.err()).isZero();
        Manifests rendered = Manifests.of(Project.documents(result.out()));
        checkServices(rendered, overlay);
        Map<String, Object> scorer = rendered.container("Deployment", "lead-scorer", "scorer");
        String tag = overlay.equals("gpu") ? Project.version() + "-gpu" : Project.version();
        assertThat(YamlPath.string(scorer, "image")).endsWith("/scorer:" + tag);
        assertThat(YamlPath.string(rendered.one("ConfigMap", "lead-scorer-scorer"), "data", "SCORER_DEVICE")).isEqualTo(overlay);
        assertThat(YamlPath.map(scorer, "resources", "limits").containsKey("nvidia.com/gpu")).isEqualTo(overlay.equals("gpu"));
    }

    /** The checks every rendering (or the base alone) must pass. */
    private static void checkServices(Manifests manifests, String device) {
        ApplicationYml scorerYml = Project.settings("scorer");
        String port = scorerYml.setting("micronaut.server.port").shownDefault();
        Map<String, Object> deployment = manifests.one("Deployment", "lead-scorer");
        Map<String, Object> pod = YamlPath.map(deployment, "spec", "template");
        Map<String, Object> scorer = manifests.container("Deployment", "lead-scorer", "scorer");
        SoftAssertions softly = new SoftAssertions();

        softly.assertThat(YamlPath.string(scorer, "image")).contains("lead-scorer/scorer:");
        Map<String, Object> http = YamlPath.map(YamlPath.list(scorer, "ports").get(0));
        softly.assertThat(YamlPath.string(http, "containerPort")).isEqualTo(port);
        softly.assertThat(YamlPath.string(scorer, "livenessProbe", "httpGet", "path")).isEqualTo("/health/liveness");
        softly.assertThat(YamlPath.string(scorer, "readinessProbe", "httpGet", "path")).isEqualTo("/health/readiness");
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            softly.assertThat(Project.SERVICE_HTTP_PATHS).contains(YamlPath.string(scorer, probe, "httpGet", "path"));
            softly.assertThat(YamlPath.string(scorer, probe, "httpGet", "port")).isIn(YamlPath.string(http, "name"), port);
        }
        for (String kind : List.of("requests", "limits")) {
            softly.assertThat(YamlPath.map(scorer, "resources", kind)).containsKeys("cpu", "memory");
        }
        softly.assertThat(Integer.parseInt(YamlPath.string(pod, "spec", "terminationGracePeriodSeconds")))
                .as("longer than the drain (30 s) and the close (60 s)").isGreaterThan(90);
        softly.assertThat(YamlPath.map(pod, "metadata", "annotations")).containsEntry("prometheus.io/scrape", "true")
                .containsEntry("prometheus.io/port", port).containsEntry("prometheus.io/path", "/prometheus");
        softly.assertThat(YamlPath.string(pod, "spec", "securityContext", "runAsNonRoot")).isEqualTo("true");

        // configuration: ConfigMap keys and env names are variables the scorer reads; credentials only from Secrets
        Map<String, Object> config = manifests.configMapOf(scorer);
        for (String key : YamlPath.map(config, "data").keySet()) {
            softly.assertThat(Project.reads("scorer", key)).as("ConfigMap key %s", key).isTrue();
            softly.assertThat(key).as("a credential in a ConfigMap").doesNotContain("JAAS", "USER_INFO", "PASSWORD");
        }
        softly.assertThat(String.valueOf(YamlPath.map(config, "data").get("SCORER_DEVICE"))).isEqualTo(device);
        for (Object entry : YamlPath.list(scorer, "env")) {
            String name = YamlPath.string(entry, "name");
            softly.assertThat(Project.reads("scorer", name)).as("env %s", name).isTrue();
            if (YamlPath.has(entry, "valueFrom", "secretKeyRef")) {
                Map<String, Object> secret = manifests.one("Secret", YamlPath.string(entry, "valueFrom", "secretKeyRef", "name"));
                softly.assertThat(YamlPath.map(secret, "stringData")).containsKey(YamlPath.string(entry, "valueFrom", "secretKeyRef", "key"));
            }
        }
        softly.assertThat(YamlPath.list(scorer, "env")).extracting(e -> YamlPath.string(e, "name"))
                .contains("KAFKA_SASL_JAAS_CONFIG", "SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO");

        // the model store: ReadWriteMany, read-only in the scorer, the initial bundle inside it
        Map<String, Object> models = manifests.mount(scorer, "models");
        softly.assertThat(YamlPath.string(models, "readOnly")).isEqualTo("true");
        String claim = manifests.claimOf(deployment, "models");
        softly.assertThat(YamlPath.list(manifests.one("PersistentVolumeClaim", claim), "spec", "accessModes")).containsExactly("ReadWriteMany");
        softly.assertThat(String.valueOf(YamlPath.map(config, "data").get("SCORER_INITIAL_BUNDLE")))
                .startsWith(YamlPath.string(models, "mountPath") + "/");

        // the disruption budget covers the scorer pods
        Map<String, Object> budget = manifests.one("PodDisruptionBudget", "lead-scorer");
        softly.assertThat(YamlPath.map(pod, "metadata", "labels")).containsAllEntriesOf(YamlPath.map(budget, "spec", "selector", "matchLabels"));

        // the trainer, once and on a schedule: writes the same claim, reads settings the trainer reads
        for (String kind : List.of("Job", "CronJob")) {
            Map<String, Object> workload = manifests.one(kind, "lead-scorer-trainer");
            Map<String, Object> trainer = manifests.initContainer(kind, "lead-scorer-trainer", "trainer");
            softly.assertThat(YamlPath.string(trainer, "image")).contains("lead-scorer/trainer:");
            List<String> args = YamlPath.list(trainer, "args").stream().map(String::valueOf).toList();
            Map<String, Object> store = manifests.mount(trainer, "models");
            softly.assertThat(args).containsSubsequence("--store", YamlPath.string(store, "mountPath")).contains("--publish");
            softly.assertThat(YamlPath.has(store, "readOnly") && Boolean.TRUE.equals(store.get("readOnly"))).isFalse();
            softly.assertThat(manifests.claimOf(workload, "models")).isEqualTo(claim);
            softly.assertThat(args.get(args.indexOf("--config") + 1)).startsWith(YamlPath.string(manifests.mount(trainer, "publish-settings"), "mountPath") + "/");
            softly.assertThat(args.get(args.indexOf("--data") + 1)).startsWith(YamlPath.string(manifests.mount(trainer, "training-data"), "mountPath") + "/");
            for (String key : YamlPath.map(manifests.configMapOf(trainer), "data").keySet()) {
                softly.assertThat(Project.reads("trainer", key)).as("trainer ConfigMap key %s", key).isTrue();
            }
            Map<String, Object> link = manifests.container(kind, "lead-scorer-trainer", "link-current");
            softly.assertThat(String.join(" ", YamlPath.list(link, "args").stream().map(String::valueOf).toList()))
                    .contains(String.valueOf(YamlPath.map(config, "data").get("SCORER_INITIAL_BUNDLE")));
        }
        softly.assertAll();
    }

    private static List<Map<String, Object>> baseDocuments() {
        Path base = K8S.resolve("base");
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object resource : YamlPath.list(Project.documents(base.resolve("kustomization.yaml")).get(0), "resources")) {
            documents.addAll(Project.documents(base.resolve(String.valueOf(resource))));
        }
        return documents;
    }

    private static String kustomizationText(Path overlay) {
        try {
            return Files.readString(overlay.resolve("kustomization.yaml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
