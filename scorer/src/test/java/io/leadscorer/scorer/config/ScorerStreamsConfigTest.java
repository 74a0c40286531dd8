package io.leadscorer.scorer.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadscorer.scorer.testing.TestSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ScorerStreamsConfigTest {

    private final Path stateDir = Path.of("/var/lib/scorer");

    @Test
    void mapsTheSettingsToKafkaStreamsProperties() {
        ScorerSettings settings = TestSettings.withStateDir(stateDir).applicationId("scorer-a")
                .bootstrapServers("kafka-1:9093,kafka-2:9093").guarantee("at_least_once")
                .commitInterval(Duration.ofMillis(250)).batch(16, Duration.ofMillis(80)).build();

        Properties props = ScorerStreamsConfig.properties(settings);

        assertThat(props).containsEntry("application.id", "scorer-a")
                .containsEntry("bootstrap.servers", "kafka-1:9093,kafka-2:9093")
                .containsEntry("processing.guarantee", "at_least_once")
                .containsEntry("commit.interval.ms", 250L)
                .containsEntry("state.dir", "/var/lib/scorer")
                .containsEntry("num.stream.threads", 1)
                .containsEntry("security.protocol", "PLAINTEXT")
                .containsEntry("poll.ms", 20L)
                .containsEntry("consumer.isolation.level", "read_committed");
    }

    @Test
    void passesSslAndSaslSettingsThroughAndDropsBlankOnes() {
        ScorerSettings settings = TestSettings.withStateDir(stateDir).kafkaProperties(Map.of(
                "ssl.truststore.location", "/etc/kafka/truststore.jks",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "",
                "ssl.keystore.location", "  ")).build();

        Properties props = ScorerStreamsConfig.properties(settings);

        assertThat(props).containsEntry("ssl.truststore.location", "/etc/kafka/truststore.jks")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .doesNotContainKeys("sasl.jaas.config", "ssl.keystore.location");
    }

    @Test
    void buildsTheSerdeSettingsWithBasicAuthAndRegistryTls() {
        ScorerSettings base = TestSettings.withStateDir(stateDir).build();
        ScorerSettings settings = new ScorerSettings(base.applicationId(), base.instanceId(), base.topics(), base.kafka(),
                new ScorerSettings.Registry("https://registry:8081", "scorer:secret",
                        Map.of("schema.registry.ssl.truststore.location", "/etc/registry.p12",
                                "schema.registry.ssl.truststore.password", "")),
                base.batch(), base.model());

        assertThat(ScorerStreamsConfig.serdeConfig(settings)).containsOnly(
                Map.entry("schema.registry.url", "https://registry:8081"),
                Map.entry("basic.auth.credentials.source", "USER_INFO"),
                Map.entry("basic.auth.user.info", "scorer:secret"),
                Map.entry("schema.registry.ssl.truststore.location", "/etc/registry.p12"));
        assertThat(ScorerStreamsConfig.serdeConfig(base)).containsOnly(Map.entry("schema.registry.url", "mock://scorer-test"));
    }

    @Test
    void pollsNoLongerThanThePunctuationInterval() {
        Properties longWait = ScorerStreamsConfig.properties(TestSettings.withStateDir(stateDir)
                .batch(100, Duration.ofHours(1)).build());
        assertThat(longWait).containsEntry("poll.ms", 100L);
        Properties shortWait = ScorerStreamsConfig.properties(TestSettings.withStateDir(stateDir)
                .batch(100, Duration.ofMillis(8)).build());
        assertThat(shortWait).containsEntry("poll.ms", 2L);
    }

    @Test
    void checksTheBufferFourTimesPerMaximumWaitAndAtLeastEvery100Ms() {
        assertThat(ScorerStreamsConfig.punctuationInterval(new ScorerSettings.Batch(8, Duration.ofMillis(200), 1)))
                .isEqualTo(Duration.ofMillis(50));
        assertThat(ScorerStreamsConfig.punctuationInterval(new ScorerSettings.Batch(8, Duration.ofMillis(2), 1)))
                .isEqualTo(Duration.ofMillis(1));
        assertThat(ScorerStreamsConfig.punctuationInterval(new ScorerSettings.Batch(8, Duration.ofHours(1), 1)))
                .isEqualTo(Duration.ofMillis(100));
    }
}
