package io.leadscorer.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.leadscorer.schemas.testing.ApplicationYml;
import io.leadscorer.trainer.TrainerApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * k8s/ against what the services read: every kustomize file parses; the base's scorer and monitor Deployments, their
 * ConfigMaps, Secrets, probes, ports, volumes and the trainer Job and CronJob match the services' application.yml; the
 * Strimzi topics are the ones the services use; the gpu overlay asks for a GPU; and where kubectl is installed each
 * overlay is rendered and checked the same way.
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
                "components/strimzi-topics/kustomization.yaml", "components/strimzi-users/kustomization.yaml",
                "overlays/strimzi/kustomization.yaml");
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
        Map<String, Map<String, Object>> byName = strimziTopics();
        ApplicationYml scorer = Project.settings("scorer");
        String input = scorer.setting("scorer.topics.input").shownDefault();
        assertThat(byName).containsKeys(input, scorer.setting("scorer.topics.output").shownDefault(),
                scorer.setting("scorer.topics.shadow-scores").shownDefault(),
                scorer.setting("scorer.topics.dead-letter").shownDefault(), "lead-scorer.status");
        String control = Project.settings("trainer").setting("trainer.publish.control-topic").shownDefault();
        assertThat(YamlPath.string(byName.get(control), "spec", "config", "cleanup.policy")).isEqualTo("compact");
        int partitions = partitions(byName.get(input));
        int replicas = Integer.parseInt(YamlPath.string(Manifests.of(baseDocuments()).one("Deployment", "lead-scorer"), "spec", "replicas"));
        assertThat(replicas).as("scorer replicas beyond the input partitions idle").isLessThanOrEqualTo(partitions);
    }

    @Test
    void theStrimziTopicsHoldTheMonitorsWithOutcomesPartitionedLikeScoresAndQualityCompacted() {
        Map<String, Map<String, Object>> byName = strimziTopics();
        ApplicationYml monitor = Project.settings("monitor");
        String scores = monitor.setting("monitor.topics.scores").shownDefault();
        String outcomes = monitor.setting("monitor.topics.outcomes").shownDefault();
        String events = monitor.setting("monitor.topics.events").shownDefault();
        String quality = monitor.setting("monitor.topics.quality").shownDefault();
        String deadLetter = monitor.setting("monitor.topics.dead-letter").shownDefault();
        String scorerDeadLetter = monitor.setting("monitor.topics.scorer-dead-letter").shownDefault();
        assertThat(byName).containsKeys(scores, outcomes, events, quality, deadLetter, scorerDeadLetter);
        int partitions = partitions(byName.get(scores));
        assertThat(partitions(byName.get(outcomes))).as("joined with the scores by lead id").isEqualTo(partitions);
        assertThat(partitions(byName.get(events))).isEqualTo(partitions);
        assertThat(YamlPath.string(byName.get(quality), "spec", "config", "cleanup.policy")).isEqualTo("compact");
        assertThat(YamlPath.string(byName.get(deadLetter), "spec", "config", "cleanup.policy")).isEqualTo("delete");
        int replicas = Integer.parseInt(YamlPath.string(
                Manifests.of(baseDocuments()).one("Deployment", "lead-scorer-monitor"), "spec", "replicas"));
        assertThat(replicas).as("monitor replicas beyond the partitions idle").isLessThanOrEqualTo(partitions);
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
        Map<String, Object> monitor = rendered.container("Deployment", "lead-scorer-monitor", "monitor");
        assertThat(YamlPath.string(monitor, "image")).endsWith("/monitor:" + Project.version());
        assertThat(YamlPath.map(monitor, "resources", "limits")).doesNotContainKey("nvidia.com/gpu");
        assertThat(YamlPath.string(rendered.one("ConfigMap", "lead-scorer-scorer"), "data", "SCORER_DEVICE")).isEqualTo(overlay);
        assertThat(YamlPath.map(scorer, "resources", "limits").containsKey("nvidia.com/gpu")).isEqualTo(overlay.equals("gpu"));
    }

    /** The checks every rendering (or the base alone) must pass. */
    private static void checkServices(Manifests manifests, String device) {
        String port = Project.httpPort("scorer");
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
            if (kind.equals("CronJob")) {
                // a scheduled retrain goes into shadow, and one refused by a pin fails the Job without a retry
                softly.assertThat(args).containsSubsequence("--publish-as", "shadow");
                Map<String, Object> rule = YamlPath.map(YamlPath.list(workload, "spec", "jobTemplate", "spec",
                        "podFailurePolicy", "rules").get(0));
                softly.assertThat(YamlPath.string(rule, "action")).isEqualTo("FailJob");
                softly.assertThat(YamlPath.string(rule, "onExitCodes", "containerName")).isEqualTo("trainer");
                softly.assertThat(YamlPath.list(rule, "onExitCodes", "values")).containsExactly(TrainerApplication.PINNED);
            }
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
        checkMonitor(manifests, claim);
    }

    /** The monitor: its own Deployment, Service and budget beside the scorer's, the model store read-only. */
    private static void checkMonitor(Manifests manifests, String modelsClaim) {
        ApplicationYml monitorYml = Project.settings("monitor");
        String port = Project.httpPort("monitor");
        Map<String, Object> deployment = manifests.one("Deployment", "lead-scorer-monitor");
        Map<String, Object> pod = YamlPath.map(deployment, "spec", "template");
        Map<String, Object> monitor = manifests.container("Deployment", "lead-scorer-monitor", "monitor");
        SoftAssertions softly = new SoftAssertions();

        softly.assertThat(YamlPath.string(deployment, "spec", "replicas")).isEqualTo("2");
        softly.assertThat(YamlPath.string(monitor, "image")).contains("lead-scorer/monitor:");
        Map<String, Object> http = YamlPath.map(YamlPath.list(monitor, "ports").get(0));
        softly.assertThat(YamlPath.string(http, "containerPort")).isEqualTo(port);
        softly.assertThat(YamlPath.string(monitor, "livenessProbe", "httpGet", "path")).isEqualTo("/health/liveness");
        softly.assertThat(YamlPath.string(monitor, "readinessProbe", "httpGet", "path")).isEqualTo("/health/readiness");
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            softly.assertThat(Project.SERVICE_HTTP_PATHS).contains(YamlPath.string(monitor, probe, "httpGet", "path"));
            softly.assertThat(YamlPath.string(monitor, probe, "httpGet", "port")).isIn(YamlPath.string(http, "name"), port);
        }
        for (String kind : List.of("requests", "limits")) {
            softly.assertThat(YamlPath.map(monitor, "resources", kind)).containsKeys("cpu", "memory");
        }
        softly.assertThat(Integer.parseInt(YamlPath.string(pod, "spec", "terminationGracePeriodSeconds")))
                .as("longer than the close (60 s)").isGreaterThan(60);
        softly.assertThat(YamlPath.map(pod, "metadata", "annotations")).containsEntry("prometheus.io/scrape", "true")
                .containsEntry("prometheus.io/port", port).containsEntry("prometheus.io/path", "/prometheus");
        softly.assertThat(YamlPath.string(pod, "spec", "securityContext", "runAsNonRoot")).isEqualTo("true");
        softly.assertThat(YamlPath.string(monitor, "securityContext", "readOnlyRootFilesystem")).isEqualTo("true");

        // configuration: ConfigMap keys and env names are variables the monitor reads; credentials only from Secrets
        Map<String, Object> config = manifests.configMapOf(monitor);
        Map<String, Object> data = YamlPath.map(config, "data");
        for (String key : data.keySet()) {
            softly.assertThat(Project.reads("monitor", key)).as("monitor ConfigMap key %s", key).isTrue();
            softly.assertThat(key).as("a credential in a ConfigMap").doesNotContain("JAAS", "USER_INFO", "PASSWORD");
        }
        for (Object entry : YamlPath.list(monitor, "env")) {
            String name = YamlPath.string(entry, "name");
            softly.assertThat(Project.reads("monitor", name)).as("monitor env %s", name).isTrue();
            if (YamlPath.has(entry, "valueFrom", "secretKeyRef")) {
                Map<String, Object> secret = manifests.one("Secret", YamlPath.string(entry, "valueFrom", "secretKeyRef", "name"));
                softly.assertThat(YamlPath.map(secret, "stringData")).containsKey(YamlPath.string(entry, "valueFrom", "secretKeyRef", "key"));
            }
        }
        softly.assertThat(configured(data, monitorYml, "monitor.application-id")).isEqualTo("lead-scorer-monitor")
                .isNotEqualTo(String.valueOf(YamlPath.map(manifests.configMapOf(
                        manifests.container("Deployment", "lead-scorer", "scorer")), "data").get("SCORER_APPLICATION_ID")));

        // a read-only root filesystem: the state directory lies in a writable emptyDir
        String stateDir = configured(data, monitorYml, "monitor.kafka.state-dir");
        List<Map<String, Object>> scratch = YamlPath.list(pod, "spec", "volumes").stream().map(v -> YamlPath.map(v))
                .filter(v -> v.containsKey("emptyDir")).toList();
        softly.assertThat(YamlPath.list(monitor, "volumeMounts")).map(m -> YamlPath.map(m)).anySatisfy(m -> {
            assertThat(scratch).extracting(v -> v.get("name")).contains(m.get("name"));
            assertThat(m.get("readOnly")).isNotEqualTo(true);
            assertThat(stateDir + "/").startsWith(YamlPath.string(m, "mountPath") + "/");
        });

        // the model store: the scorers' claim, read-only, where the monitor looks for the bundles
        Map<String, Object> models = manifests.mount(monitor, "models");
        softly.assertThat(YamlPath.string(models, "readOnly")).isEqualTo("true");
        softly.assertThat(manifests.claimOf(deployment, "models")).isEqualTo(modelsClaim);
        softly.assertThat(configured(data, monitorYml, "monitor.model-store")).isEqualTo(YamlPath.string(models, "mountPath"));

        // the Service and the budget cover the monitor pods and no scorer pod
        Map<String, Object> labels = YamlPath.map(pod, "metadata", "labels");
        Map<String, Object> scorerLabels = YamlPath.map(manifests.one("Deployment", "lead-scorer"), "spec", "template", "metadata", "labels");
        Map<String, Object> service = manifests.one("Service", "lead-scorer-monitor");
        Map<String, Object> budget = manifests.one("PodDisruptionBudget", "lead-scorer-monitor");
        for (Map<String, Object> selector : List.of(YamlPath.map(service, "spec", "selector"),
                YamlPath.map(budget, "spec", "selector", "matchLabels"),
                YamlPath.map(deployment, "spec", "selector", "matchLabels"))) {
            softly.assertThat(labels).containsAllEntriesOf(selector);
            softly.assertThat(scorerLabels.entrySet().containsAll(selector.entrySet())).as("selects scorer pods").isFalse();
        }
        Map<String, Object> servicePort = YamlPath.map(YamlPath.list(service, "spec", "ports").get(0));
        softly.assertThat(YamlPath.string(servicePort, "targetPort")).isIn(YamlPath.string(http, "name"), port);
        softly.assertAll();
    }

    /** What a ConfigMap sets for a setting, or the setting's default where it sets nothing. */
    private static String configured(Map<String, Object> data, ApplicationYml settings, String key) {
        ApplicationYml.Setting setting = settings.setting(key);
        Object set = data.get(setting.variable().orElse(setting.mappedVariable()));
        return set == null ? setting.shownDefault() : String.valueOf(set);
    }

    private static Map<String, Map<String, Object>> strimziTopics() {
        List<Map<String, Object>> topics = Project.documents(K8S.resolve("components/strimzi-topics/kafka-topics.yaml"));
        assertThat(topics).allSatisfy(t -> assertThat(YamlPath.string(t, "kind")).isEqualTo("KafkaTopic"));
        Map<String, Map<String, Object>> byName = new HashMap<>();
        topics.forEach(t -> byName.put(YamlPath.string(t, "spec", "topicName"), t));
        return byName;
    }

    private static int partitions(Map<String, Object> topic) {
        return Integer.parseInt(YamlPath.string(topic, "spec", "partitions"));
    }

    static List<Map<String, Object>> baseDocuments() {
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
