package io.leadscorer.sandbox.benchmark.soak;

import io.leadscorer.avro.ScoredLead;
import io.leadscorer.schemas.registry.SchemaRegistryConfig;
import io.leadscorer.schemas.serde.AvroWireDeserializer;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A read_committed reader of the score topic from its beginning, for the whole soak: which of the soak's leads have a
 * committed score, how many scores beyond the first any lead got, committed scores per model, and the model of the
 * latest score (to see a swap taken up). Indexes rather than ids, so that millions of leads fit in a bit set.
 */
final class ScoreLedger implements AutoCloseable {

    private final String bootstrap;
    private final String registryUrl;
    private final String topic;
    private final BitSet scored = new BitSet();
    private final AtomicLong committed = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final Map<String, Long> byModel = new TreeMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread reader;
    private volatile String latestModel;

    ScoreLedger(String bootstrap, String registryUrl, String topic) {
        this.bootstrap = bootstrap;
        this.registryUrl = registryUrl;
        this.topic = topic;
        this.reader = new Thread(this::read, "soak-scores");
        reader.setDaemon(true);
    }

    void start() {
        reader.start();
    }

    private void read() {
        AvroWireDeserializer<ScoredLead> values = new AvroWireDeserializer<>(ScoredLead.class);
        values.configure(Map.of(SchemaRegistryConfig.URL, registryUrl), false);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    ScoredLead score = values.deserialize(record.topic(), record.headers(), record.value());
                    count(record.key(), score.getModelId());
                }
            }
        }
    }

    private synchronized void count(String lead, String model) {
        int index = Integer.parseInt(lead.substring(PacedLeads.PREFIX.length()));
        if (scored.get(index)) {
            duplicates.incrementAndGet();
        } else {
            scored.set(index);
        }
        byModel.merge(model, 1L, Long::sum);
        latestModel = model;
        committed.incrementAndGet();
    }

    /** Committed scores read so far, duplicates included. */
    long committed() {
        return committed.get();
    }

    synchronized long distinct() {
        return scored.cardinality();
    }

    long duplicates() {
        return duplicates.get();
    }

    /** How many of these leads have no committed score. */
    synchronized long unscored(BitSet leads) {
        BitSet missing = (BitSet) leads.clone();
        missing.andNot(scored);
        return missing.cardinality();
    }

    synchronized Map<String, Long> byModel() {
        return Map.copyOf(byModel);
    }

    String latestModel() {
        return latestModel;
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        reader.join(10_000);
    }
}
