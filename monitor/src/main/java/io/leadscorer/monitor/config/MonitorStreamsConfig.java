package io.leadscorer.monitor.config;

import io.leadscorer.schemas.registry.SchemaRegistryConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Turns {@link MonitorSettings} into the Kafka Streams configuration and the Avro serde configuration; the service
 * and the tests both call these, so what is tested is what runs.
 */
public final class MonitorStreamsConfig {

    private static final Duration REGISTRY_TIMEOUT = Duration.ofSeconds(2);

    private MonitorStreamsConfig() {
    }

    /** The Kafka Streams properties of the monitor application (its own application id, so its own group and state). */
    public static Properties properties(MonitorSettings settings) {
        MonitorSettings.Kafka kafka = settings.kafka();
        Properties props = new Properties();
        props.putAll(clientProperties(settings));
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, kafka.processingGuarantee());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, kafka.numStreamThreads());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, kafka.commitInterval().toMillis());
        props.put(StreamsConfig.STATE_DIR_CONFIG, kafka.stateDir());
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.ISOLATION_LEVEL_CONFIG), "read_committed");
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        return props;
    }

    /** What every Kafka client of the monitor shares: brokers, security protocol and the verbatim properties. */
    public static Map<String, Object> clientProperties(MonitorSettings settings) {
        MonitorSettings.Kafka kafka = settings.kafka();
        Map<String, Object> props = new HashMap<>();
        kafka.properties().forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                props.put(name, value);
            }
        });
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, kafka.securityProtocol());
        return props;
    }

    /** Settings of the Confluent-wire-format Avro serdes (registry URL, basic auth, TLS). */
    public static Map<String, Object> serdeConfig(MonitorSettings settings) {
        MonitorSettings.Registry registry = settings.registry();
        return SchemaRegistryConfig.serdeConfig(registry.url(), registry.basicAuthUserInfo(), registry.properties(),
                REGISTRY_TIMEOUT, REGISTRY_TIMEOUT);
    }
}
