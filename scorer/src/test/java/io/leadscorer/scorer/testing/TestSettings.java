package io.leadscorer.scorer.testing;

import io.leadscorer.scorer.config.ScorerSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** Builds {@link ScorerSettings} for tests with the service's defaults, each test changing what it exercises. */
public final class TestSettings {

    private String applicationId = "scorer-test";
    private String bootstrapServers = "localhost:9092";
    private String registryUrl = "mock://scorer-test";
    private String guarantee = "exactly_once_v2";
    private Duration commitInterval = Duration.ofMillis(100);
    private Path stateDir;
    private int batchSize = 32;
    private Duration maxWait = Duration.ofMillis(50);
    private int maxValueBytes = 65536;
    private String bundle = "/models/none";
    private String store = "/models";
    private String instanceId = "test-instance";
    private Map<String, String> kafkaProperties = Map.of();
    private Map<String, String> registryProperties = Map.of();
    private ScorerSettings.Topics topics = new ScorerSettings.Topics("mql.events", "mql.scores",
            "mql.scores.shadow", "mql.events.dlq", "lead-scorer.control", "lead-scorer.status");

    private TestSettings(Path stateDir) {
        this.stateDir = stateDir;
    }

    public static TestSettings withStateDir(Path stateDir) {
        return new TestSettings(stateDir);
    }

    public TestSettings stateDir(Path value) {
        stateDir = value;
        return this;
    }

    public TestSettings applicationId(String value) {
        applicationId = value;
        return this;
    }

    public TestSettings bootstrapServers(String value) {
        bootstrapServers = value;
        return this;
    }

    public TestSettings registry(String url) {
        registryUrl = url;
        return this;
    }

    public TestSettings guarantee(String value) {
        guarantee = value;
        return this;
    }

    public TestSettings commitInterval(Duration value) {
        commitInterval = value;
        return this;
    }

    public TestSettings batch(int size, Duration wait) {
        batchSize = size;
        maxWait = wait;
        return this;
    }

    public TestSettings maxValueBytes(int value) {
        maxValueBytes = value;
        return this;
    }

    public TestSettings bundle(Path dir) {
        bundle = dir.toString();
        return this;
    }

    /** The input, scores and dead-letter topics; the shadow scores go to the scores topic's name + ".shadow". */
    public TestSettings topics(String input, String output, String deadLetter) {
        topics = new ScorerSettings.Topics(input, output, output + ".shadow", deadLetter, topics.control(),
                topics.status());
        return this;
    }

    public TestSettings controlTopics(String control, String status) {
        topics = new ScorerSettings.Topics(topics.input(), topics.output(), topics.shadowScores(), topics.deadLetter(),
                control, status);
        return this;
    }

    public TestSettings store(Path dir) {
        store = dir.toString();
        return this;
    }

    public TestSettings instanceId(String value) {
        instanceId = value;
        return this;
    }

    public TestSettings kafkaProperties(Map<String, String> value) {
        kafkaProperties = value;
        return this;
    }

    public TestSettings registryProperties(Map<String, String> value) {
        registryProperties = value;
        return this;
    }

    public ScorerSettings build() {
        return new ScorerSettings(applicationId, instanceId, topics,
                new ScorerSettings.Kafka(bootstrapServers, "PLAINTEXT", guarantee, 1, commitInterval,
                        stateDir.toString(), kafkaProperties),
                new ScorerSettings.Registry(registryUrl, null, registryProperties),
                new ScorerSettings.Batch(batchSize, maxWait, maxValueBytes),
                new ScorerSettings.Model(store, bundle, "cpu", 0, 1));
    }
}
