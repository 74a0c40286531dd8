package io.leadscorer.scorer.testing;

import io.leadscorer.avro.ScoredLead;
import io.leadscorer.schemas.registry.SchemaRegistryConfig;
import io.leadscorer.schemas.serde.AvroWireDeserializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the scores and dead-letter topics from the beginning as a downstream consumer would (read_committed, so only
 * what the scorer committed), accumulating everything seen so far.
 * <p>
 * The consumers are assigned every partition of their topic and belong to no consumer group. (Two consumers of one
 * group, each subscribed to its own topic, rebalance each other as they join; with no committed offsets every
 * reassigned partition is read again from the beginning, so records were counted twice and an exact count was never
 * reached.)
 */
public final class ScoresReader implements AutoCloseable {

    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaConsumer<String, ScoredLead> scoresConsumer;
    private final KafkaConsumer<byte[], byte[]> deadLetterConsumer;
    public final List<ConsumerRecord<String, ScoredLead>> scores = new ArrayList<>();
    public final List<ConsumerRecord<byte[], byte[]>> deadLetters = new ArrayList<>();

    public ScoresReader(String bootstrapServers, String registryUrl, String scoresTopic, String deadLetterTopic) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        AvroWireDeserializer<ScoredLead> values = new AvroWireDeserializer<>(ScoredLead.class);
        values.configure(Map.of(SchemaRegistryConfig.URL, registryUrl), false);
        scoresConsumer = new KafkaConsumer<>(config, new StringDeserializer(), values);
        deadLetterConsumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        assignFromBeginning(scoresConsumer, scoresTopic);
        assignFromBeginning(deadLetterConsumer, deadLetterTopic);
    }

    private static void assignFromBeginning(Consumer<?, ?> consumer, String topic) {
        List<PartitionInfo> partitions = consumer.partitionsFor(topic, METADATA_TIMEOUT);
        if (partitions == null || partitions.isEmpty()) {
            throw new IllegalStateException("Topic " + topic + " does not exist");
        }
        List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(assigned);
        consumer.seekToBeginning(assigned);
    }

    /**
     * Polls until at least {@code scoreCount} scores and {@code deadLetterCount} dead letters have been read; fails
     * with what was read when {@code timeout} passes first.
     */
    public void awaitAtLeast(int scoreCount, int deadLetterCount, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (scores.size() < scoreCount || deadLetters.size() < deadLetterCount) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(String.format(
                        "Expected at least %d scores and %d dead letters within %s, read %d scores and %d dead letters;"
                                + " scores per partition %s", scoreCount, deadLetterCount, timeout, scores.size(),
                        deadLetters.size(), scores.stream().collect(Collectors.groupingBy(ConsumerRecord::partition,
                                Collectors.counting()))));
            }
            pollOnce();
        }
    }

    /** Polls for {@code quiet} more, to catch anything beyond what was expected (duplicates). */
    public void drainFor(Duration quiet) {
        long deadline = System.nanoTime() + quiet.toNanos();
        while (System.nanoTime() < deadline) {
            pollOnce();
        }
    }

    private void pollOnce() {
        scoresConsumer.poll(Duration.ofMillis(50)).forEach(scores::add);
        deadLetterConsumer.poll(Duration.ofMillis(10)).forEach(deadLetters::add);
    }

    @Override
    public void close() {
        scoresConsumer.close(Duration.ofSeconds(5));
        deadLetterConsumer.close(Duration.ofSeconds(5));
    }
}
