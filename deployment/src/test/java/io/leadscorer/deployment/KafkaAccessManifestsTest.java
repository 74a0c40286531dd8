package io.leadscorer.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.leadscorer.schemas.testing.ApplicationYml;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * How the services reach Kafka and the registry in k8s/: the registry password travels only over https; the Strimzi
 * users (components/strimzi-users) grant each service the topics, group, transactional ids and internal topics its
 * application.yml names, on topics the Strimzi component declares; and the strimzi overlay, rendered where kubectl is
 * installed, logs every Kafka client in as its own user and trusts the cluster CA it mounts.
 */
class KafkaAccessManifestsTest {

    private static final Path K8S = Project.file("k8s");

    @Test
    void theRegistryPasswordIsSentOnlyOverHttps() {
        List<Map<String, Object>> base = KustomizeManifestsTest.baseDocuments();
        Manifests manifests = Manifests.of(base);
        for (String[] service : new String[][] {{"lead-scorer", "scorer"}, {"lead-scorer-monitor", "monitor"}}) {
            Map<String, Object> container = manifests.container("Deployment", service[0], service[1]);
            Map<String, Object> data = YamlPath.map(manifests.configMapOf(container), "data");
            boolean password = YamlPath.list(container, "env").stream()
                    .anyMatch(e -> "SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO".equals(YamlPath.string(e, "name")));
            boolean allowHttp = "true".equals(String.valueOf(data.get("SCHEMA_REGISTRY_BASIC_AUTH_ALLOW_HTTP")));
            String url = String.valueOf(data.get("SCHEMA_REGISTRY_URL"));
            assertThat(password && !allowHttp && !url.startsWith("https://"))
                    .as("%s sends a registry password to %s", service[1], url).isFalse();
        }
        Map<String, Object> publish = Project.documents(String.valueOf(
                YamlPath.map(manifests.one("Secret", "lead-scorer-trainer-publish"), "stringData").get("publish.yml"))).get(0);
        Map<String, Object> properties = YamlPath.map(publish, "trainer", "publish", "properties");
        String url = String.valueOf(YamlPath.map(manifests.one("ConfigMap", "lead-scorer-trainer"), "data")
                .get("TRAINER_PUBLISH_REGISTRY_URL"));
        assertThat(properties.containsKey("basic.auth.user.info") && !url.startsWith("https://"))
                .as("the trainer sends a registry password to %s", url).isFalse();
    }

    @Test
    void eachStrimziUserMayDoWhatItsServiceDoesOnTopicsTheComponentDeclares() {
        Map<String, Map<String, Object>> users = users(Project.documents(K8S.resolve("components/strimzi-users/kafka-users.yaml")));
        ApplicationYml scorer = Project.settings("scorer");
        ApplicationYml monitor = Project.settings("monitor");
        ApplicationYml trainer = Project.settings("trainer");
        SoftAssertions softly = new SoftAssertions();

        Set<String> scorerAcls = acls(users.get("lead-scorer-scorer"));
        String scorerId = scorer.setting("scorer.application-id").shownDefault();
        softly.assertThat(scorerAcls).contains(
                "topic literal " + scorer.setting("scorer.topics.input").shownDefault() + " Read",
                "topic literal " + scorer.setting("scorer.topics.output").shownDefault() + " Write",
                "topic literal " + scorer.setting("scorer.topics.dead-letter").shownDefault() + " Write",
                "topic literal " + scorer.setting("scorer.topics.control").shownDefault() + " Read",
                "topic literal " + scorer.setting("scorer.topics.status").shownDefault() + " Write",
                "group literal " + scorerId + " Read",
                "topic prefix " + scorerId + "- Create", "topic prefix " + scorerId + "- Read",
                "topic prefix " + scorerId + "- Write", "transactionalId prefix " + scorerId + "- Write");

        Set<String> monitorAcls = acls(users.get("lead-scorer-monitor"));
        String monitorId = monitor.setting("monitor.application-id").shownDefault();
        softly.assertThat(monitorAcls).contains(
                "topic literal " + monitor.setting("monitor.topics.scores").shownDefault() + " Read",
                "topic literal " + monitor.setting("monitor.topics.outcomes").shownDefault() + " Read",
                "topic literal " + monitor.setting("monitor.topics.events").shownDefault() + " Read",
                "topic literal " + monitor.setting("monitor.topics.scorer-dead-letter").shownDefault() + " Read",
                "topic literal " + monitor.setting("monitor.topics.quality").shownDefault() + " Write",
                "topic literal " + monitor.setting("monitor.topics.dead-letter").shownDefault() + " Write",
                "group literal " + monitorId + " Read",
                "topic prefix " + monitorId + "- Create", "topic prefix " + monitorId + "- Read",
                "topic prefix " + monitorId + "- Write", "transactionalId prefix " + monitorId + "- Write");

        Set<String> operatorAcls = acls(users.get("lead-scorer-operator"));
        String control = trainer.setting("trainer.publish.control-topic").shownDefault();
        softly.assertThat(operatorAcls).contains("topic literal " + control + " Write", "topic literal " + control + " Read",
                "topic literal " + trainer.setting("trainer.publish.status-topic").shownDefault() + " Read",
                "topic literal " + monitor.setting("monitor.topics.quality").shownDefault() + " Read");
        softly.assertThat(operatorAcls).noneMatch(acl -> acl.startsWith("group ")).noneMatch(acl -> acl.contains(" prefix "));

        // every literal topic is one the Strimzi component declares; no user may write where it only reads
        Set<String> topics = new HashSet<>();
        Project.documents(K8S.resolve("components/strimzi-topics/kafka-topics.yaml"))
                .forEach(t -> topics.add(YamlPath.string(t, "spec", "topicName")));
        for (Map.Entry<String, Map<String, Object>> user : users.entrySet()) {
            for (String acl : acls(user.getValue())) {
                String[] parts = acl.split(" ");
                if (parts[0].equals("topic") && parts[1].equals("literal")) {
                    softly.assertThat(topics).as("%s: %s", user.getKey(), acl).contains(parts[2]);
                }
            }
            softly.assertThat(YamlPath.string(user.getValue(), "spec", "authentication", "type")).isEqualTo("scram-sha-512");
        }
        softly.assertThat(scorerAcls).doesNotContain("topic literal " + scorer.setting("scorer.topics.input").shownDefault() + " Write");
        softly.assertThat(monitorAcls).doesNotContain("topic literal " + monitor.setting("monitor.topics.scores").shownDefault() + " Write");
        softly.assertAll();
    }

    @Test
    void kubectlRendersTheStrimziOverlayWithAUserAndTheClusterCaForEveryKafkaClient() {
        Optional<ExternalTool> kubectl = ExternalTool.onPath("kubectl");
        assumeTrue(kubectl.isPresent(), "kubectl is not on the PATH");
        ExternalTool.Result result = kubectl.get().run(Project.root(), "kustomize", "k8s/overlays/strimzi");
        assertThat(result.exitCode()).as(result.err()).isZero();
        List<Map<String, Object>> documents = Project.documents(result.out());
        Manifests rendered = Manifests.of(documents);
        Map<String, Map<String, Object>> users = users(documents);
        assertThat(users).containsOnlyKeys("lead-scorer-scorer", "lead-scorer-monitor", "lead-scorer-operator");
        assertThat(documents).filteredOn(d -> "KafkaTopic".equals(d.get("kind"))).hasSizeGreaterThanOrEqualTo(8);
        assertThat(documents).noneMatch(d -> "Secret".equals(d.get("kind")) && "lead-scorer-kafka".equals(YamlPath.string(d, "metadata", "name")));
        String cluster = YamlPath.string(users.get("lead-scorer-scorer"), "metadata", "labels", "strimzi.io/cluster");

        SoftAssertions softly = new SoftAssertions();
        record Client(String kind, String name, String container, boolean init, String service, String user) {
        }
        for (Client client : List.of(new Client("Deployment", "lead-scorer", "scorer", false, "scorer", "lead-scorer-scorer"),
                new Client("Deployment", "lead-scorer-monitor", "monitor", false, "monitor", "lead-scorer-monitor"),
                new Client("Job", "lead-scorer-trainer", "trainer", true, "trainer", "lead-scorer-operator"),
                new Client("CronJob", "lead-scorer-trainer", "trainer", true, "trainer", "lead-scorer-operator"))) {
            Map<String, Object> container = client.init()
                    ? rendered.initContainer(client.kind(), client.name(), client.container())
                    : rendered.container(client.kind(), client.name(), client.container());
            Map<String, Map<String, Object>> env = new java.util.HashMap<>();
            YamlPath.list(container, "env").forEach(e -> env.put(YamlPath.string(e, "name"), YamlPath.map(e)));
            String what = client.kind() + "/" + client.name();
            env.keySet().forEach(name -> softly.assertThat(Project.reads(client.service(), name)).as("%s env %s", what, name).isTrue());
            softly.assertThat(YamlPath.string(env.get("KAFKA_SASL_JAAS_CONFIG"), "valueFrom", "secretKeyRef", "name")).as(what).isEqualTo(client.user());
            softly.assertThat(YamlPath.string(env.get("KAFKA_SASL_JAAS_CONFIG"), "valueFrom", "secretKeyRef", "key")).as(what).isEqualTo("sasl.jaas.config");
            softly.assertThat(YamlPath.string(env.get("KAFKA_SSL_TRUSTSTORE_PASSWORD"), "valueFrom", "secretKeyRef", "name"))
                    .as(what).isEqualTo(cluster + "-cluster-ca-cert");
            Map<String, Object> mount = rendered.mount(container, "kafka-cluster-ca");
            softly.assertThat(YamlPath.string(env.get("KAFKA_SSL_TRUSTSTORE_LOCATION"), "value")).as(what)
                    .isEqualTo(YamlPath.string(mount, "mountPath") + "/ca.p12");
            Map<String, Object> pod = rendered.podSpec(client.kind(), client.name());
            Map<String, Object> volume = YamlPath.list(pod, "volumes").stream().map(v -> YamlPath.map(v))
                    .filter(v -> "kafka-cluster-ca".equals(v.get("name"))).findFirst().orElseThrow();
            softly.assertThat(YamlPath.string(volume, "secret", "secretName")).as(what).isEqualTo(cluster + "-cluster-ca-cert");
        }
        Map<String, Object> publish = Project.documents(String.valueOf(
                YamlPath.map(rendered.one("Secret", "lead-scorer-trainer-publish"), "stringData").get("publish.yml"))).get(0);
        softly.assertThat(YamlPath.map(publish, "trainer", "publish", "properties")).as("the user's login, not the file's")
                .doesNotContainKey("sasl.jaas.config");
        softly.assertAll();
    }

    private static Map<String, Map<String, Object>> users(List<Map<String, Object>> documents) {
        Map<String, Map<String, Object>> users = new java.util.TreeMap<>();
        documents.stream().filter(d -> "KafkaUser".equals(d.get("kind")))
                .forEach(u -> users.put(YamlPath.string(u, "metadata", "name"), u));
        return users;
    }

    /** Each ACL of a user as "type pattern name operation", e.g. "topic literal mql.events Read". */
    private static Set<String> acls(Map<String, Object> user) {
        assertThat(user).isNotNull();
        Set<String> acls = new HashSet<>();
        for (Object acl : YamlPath.list(user, "spec", "authorization", "acls")) {
            String type = YamlPath.string(acl, "resource", "type");
            String pattern = YamlPath.has(acl, "resource", "patternType") ? YamlPath.string(acl, "resource", "patternType") : "literal";
            String name = YamlPath.has(acl, "resource", "name") ? YamlPath.string(acl, "resource", "name") : "kafka-cluster";
            for (Object operation : YamlPath.list(acl, "operations")) {
                acls.add(type + " " + pattern + " " + name + " " + operation);
            }
        }
        return acls;
    }
}
