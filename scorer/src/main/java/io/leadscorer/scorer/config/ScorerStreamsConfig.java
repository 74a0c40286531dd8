package io.leadscorer.scorer.config;

import io.leadscorer.schemas.registry.SchemaRegistryConfig;
import io.leadscorer.scorer.dlq.OversizedRecordHandler;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Turns {@link ScorerSettings} into the Kafka Streams configuration and the Avro serde configuration; the service
 * and the tests both call these, so what is tested is what runs.
 */
public final class ScorerStreamsConfig {

    private static final Duration MAX_TICK = Duration.ofMillis(100);
    private static final Duration REGISTRY_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration REGISTRY_READ_TIMEOUT = Duration.ofSeconds(2);

    private ScorerStreamsConfig() {
    }

    /** The Kafka Streams properties of the scorer application. */
    public static Properties properties(ScorerSettings settings) {
        ScorerSettings.Kafka kafka = settings.kafka();
        Properties props = new Properties();
        props.putAll(clientProperties(settings));
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, kafka.processingGuarantee());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, kafka.numStreamThreads());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, kafka.commitInterval().toMillis());
        props.put(StreamsConfig.STATE_DIR_CONFIG, kafka.stateDir());
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class.getName());
        props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class.getName());
        props.put(StreamsConfig.POLL_MS_CONFIG, pollInterval(settings.batch()).toMillis());
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.ISOLATION_LEVEL_CONFIG), "read_committed");
        props.put(StreamsConfig.DEFAULT_PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, OversizedRecordHandler.class.getName());
        return props;
    }

    /** What every Kafka client of the scorer shares: brokers, security protocol and the verbatim properties. */
    public static Map<String, Object> clientProperties(ScorerSettings settings) {
        ScorerSettings.Kafka kafka = settings.kafka();
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

    /**
     * The control topic's consumer: no group (it is assigned every partition and reads from the beginning), no
     * offset commits, committed records only.
     */
    public static Map<String, Object> controlConsumer(ScorerSettings settings) {
        Map<String, Object> props = clientProperties(settings);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, settings.applicationId() + "-" + settings.effectiveInstanceId() + "-control");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return props;
    }

    /** The status topic's producer (acks from all replicas; statuses are few). */
    public static Map<String, Object> statusProducer(ScorerSettings settings) {
        Map<String, Object> props = clientProperties(settings);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, settings.applicationId() + "-" + settings.effectiveInstanceId() + "-status");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        return props;
    }

    /** Settings of the Confluent-wire-format Avro serdes (registry URL, basic auth, TLS, registration). */
    public static Map<String, Object> serdeConfig(ScorerSettings settings) {
        ScorerSettings.Registry registry = settings.registry();
        Map<String, Object> config = SchemaRegistryConfig.serdeConfig(registry.url(), registry.basicAuthUserInfo(),
                registry.properties(), REGISTRY_CONNECT_TIMEOUT, REGISTRY_READ_TIMEOUT);
        checkRegistryTimeouts(settings, config);
        return config;
    }

    /**
     * A registry call runs on the stream thread inside an open transaction, so connecting and waiting for an answer
     * must end well before the transaction times out (Kafka Streams sets 10 s under exactly-once): a slow registry
     * then counts as unavailable and the leads are held and retried, instead of the transaction being aborted.
     */
    private static void checkRegistryTimeouts(ScorerSettings settings, Map<String, Object> serdeConfig) {
        long callMs = Long.parseLong(serdeConfig.get(SchemaRegistryConfig.CONNECT_TIMEOUT_MS).toString().trim())
                + Long.parseLong(serdeConfig.get(SchemaRegistryConfig.READ_TIMEOUT_MS).toString().trim());
        String transactionTimeout = settings.kafka().properties().getOrDefault(
                StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG),
                settings.kafka().properties().getOrDefault(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "10000"));
        long transactionMs = Long.parseLong(transactionTimeout.isBlank() ? "10000" : transactionTimeout.trim());
        if (callMs * 2 > transactionMs) {
            throw new ConfigException("Schema registry connect + read timeouts (" + callMs + " ms) must stay under half"
                    + " the transaction timeout (" + transactionMs + " ms), so that a slow registry is retried, not fatal");
        }
    }

    /**
     * How often the batching processor checks its buffer (the age of the oldest lead, and the drain switch of a
     * graceful shutdown): a quarter of the maximum wait, but at least every 100 ms, so that a long maximum wait does
     * not hold up a shutdown. It checks only while the buffer holds leads.
     */
    public static Duration punctuationInterval(ScorerSettings.Batch batch) {
        return Duration.ofMillis(Math.max(1, Math.min(MAX_TICK.toMillis(), batch.maxWait().toMillis() / 4)));
    }

    /**
     * How long the stream thread blocks in one poll: wall-clock punctuation only runs between polls, so no longer than
     * the punctuation interval (at most 100 ms, Kafka Streams' default). A longer block would also hold up what the
     * thread does between polls, such as finishing a rebalance and starting its tasks.
     */
    public static Duration pollInterval(ScorerSettings.Batch batch) {
        return punctuationInterval(batch);
    }
}
