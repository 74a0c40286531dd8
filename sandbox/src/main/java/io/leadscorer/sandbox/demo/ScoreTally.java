package io.leadscorer.sandbox.demo;

import io.leadscorer.avro.ModelStatus;
import io.leadscorer.avro.ScoredLead;
import io.leadscorer.schemas.registry.SchemaRegistryConfig;
import io.leadscorer.schemas.serde.AvroWireDeserializer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads what the scorers wrote, as a downstream consumer would (read_committed, every partition, from the offsets
 * the topics had when the demo began): every score counted per lead (a second one is a duplicate), the models in
 * the order they first served, event-to-score latency (scored time minus event time), the tier mix and a few scores
 * with their reasons, the dead letters with the poison kind they carry, and the status reports of the scorer
 * instances.
 */
public final class ScoreTally implements Runnable, AutoCloseable {

    /** Scored leads with reasons kept to show. */
    private static final int EXAMPLES = 3;

    private final DemoTopics topics;
    private final KafkaConsumer<String, byte[]> consumer;
    private final AvroWireDeserializer<ScoredLead> scores = new AvroWireDeserializer<>(ScoredLead.class);
    private final AvroWireDeserializer<ModelStatus> statuses = new AvroWireDeserializer<>(ModelStatus.class);
    private final Map<String, ScoredLead> firstScore = new ConcurrentHashMap<>();
    private final AtomicLong scored = new AtomicLong();
    private final AtomicLong duplicated = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final Map<String, Long> scoresByModel = new LinkedHashMap<>();
    private final Map<String, Set<String>> shadowModelsByLead = new ConcurrentHashMap<>();
    private final AtomicLong shadowScored = new AtomicLong();
    private final AtomicLong shadowDuplicated = new AtomicLong();
    private final Set<String> poisonDeadLettered = ConcurrentHashMap.newKeySet();
    private final List<String> statusReports = new ArrayList<>();
    private final LatencyWindow latencies = new LatencyWindow();
    private final Map<String, Long> tiers = new java.util.TreeMap<>();
    private final java.util.Deque<ScoredLead> withReasons = new java.util.ArrayDeque<>();
    private volatile long firstScoredTime = Long.MAX_VALUE;
    private volatile long lastScoredTime;
    private volatile boolean stopped;

    public ScoreTally(String bootstrap, String registryUrl, DemoTopics topics) {
        this.topics = topics;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "lead-scorer-demo-tally"),
                new StringDeserializer(), new ByteArrayDeserializer());
        Map<String, String> serde = Map.of(SchemaRegistryConfig.URL, registryUrl);
        scores.configure(serde, false);
        statuses.configure(serde, false);
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(topics.scores(), topics.shadowScores(), topics.deadLetters(), topics.status())) {
            consumer.partitionsFor(topic, Duration.ofSeconds(60))
                    .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        consumer.assign(partitions);
        // from where the topics stand now: an existing broker may hold an earlier run's records
        consumer.endOffsets(partitions, Duration.ofSeconds(60)).forEach(consumer::seek);
    }

    @Override
    public void run() {
        try {
            while (!stopped) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    take(record);
                }
            }
        } catch (org.apache.kafka.common.errors.WakeupException e) {
            // stopped
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void take(ConsumerRecord<String, byte[]> record) {
        if (record.topic().equals(topics.scores())) {
            ScoredLead score = scores.deserialize(record.topic(), record.value());
            scored.incrementAndGet();
            if (firstScore.putIfAbsent(score.getLeadId(), score) != null) {
                duplicated.incrementAndGet();
            }
            synchronized (scoresByModel) {
                scoresByModel.merge(score.getModelId(), 1L, Long::sum);
                if (score.getTier() != null) {
                    tiers.merge(score.getTier(), 1L, Long::sum);
                }
                if (!score.getReasons().isEmpty()) {
                    withReasons.addLast(score);
                    if (withReasons.size() > EXAMPLES) {
                        withReasons.removeFirst();
                    }
                }
            }
            long scoredMillis = score.getScoredTime().toEpochMilli();
            latencies.add(scoredMillis - score.getEventTime().toEpochMilli());
            firstScoredTime = Math.min(firstScoredTime, scoredMillis);
            lastScoredTime = Math.max(lastScoredTime, scoredMillis);
        } else if (record.topic().equals(topics.shadowScores())) {
            ScoredLead score = scores.deserialize(record.topic(), record.value());
            shadowScored.incrementAndGet();
            if (!shadowModelsByLead.computeIfAbsent(score.getLeadId(), lead -> ConcurrentHashMap.newKeySet())
                    .add(score.getModelId())) {
                shadowDuplicated.incrementAndGet();
            }
        } else if (record.topic().equals(topics.deadLetters())) {
            deadLettered.incrementAndGet();
            Header poison = record.headers().lastHeader(PoisonRecords.HEADER);
            if (poison != null) {
                poisonDeadLettered.add(new String(poison.value(), StandardCharsets.UTF_8));
            }
        } else if (record.topic().equals(topics.status())) {
            try {
                ModelStatus status = statuses.deserialize(record.topic(), record.value());
                synchronized (statusReports) {
                    statusReports.add(status.getInstance() + " " + status.getModelId() + " " + status.getState()
                            + (status.getReason() == null ? "" : " (" + status.getReason() + ")"));
                }
            } catch (RuntimeException unreadable) {
                synchronized (statusReports) {
                    statusReports.add("unreadable status record at offset " + record.offset());
                }
            }
        }
    }

    /** Scores read, duplicates included. */
    public long scored() {
        return scored.get();
    }

    /** Distinct leads scored. */
    public long distinctScored() {
        return firstScore.size();
    }

    public long duplicated() {
        return duplicated.get();
    }

    /** Shadow scores read, and those beyond the first of a model for a lead. */
    public long shadowScored() {
        return shadowScored.get();
    }

    public long shadowDuplicated() {
        return shadowDuplicated.get();
    }

    /**
     * The labels the monitor should count for these leads: one for the live score of each, and one for each model that
     * scored it in shadow (a model's figures count every lead it scored, live or in shadow).
     */
    public long expectedLabels(Set<String> leads) {
        long expected = 0;
        for (String lead : leads) {
            expected += firstScore.containsKey(lead) ? 1 : 0;
            expected += shadowModelsByLead.getOrDefault(lead, Set.of()).size();
        }
        return expected;
    }

    public long deadLettered() {
        return deadLettered.get();
    }

    public Set<String> poisonDeadLettered() {
        return Set.copyOf(poisonDeadLettered);
    }

    /** The first score of a lead, if it has one. */
    public ScoredLead scoreOf(String leadId) {
        return firstScore.get(leadId);
    }

    /** The tier mix of the scores so far and the latest few scores that carry reasons. */
    public ActionableScores actionable() {
        synchronized (scoresByModel) {
            return new ActionableScores(tiers, withReasons.stream().map(ActionableScores::describe).toList());
        }
    }

    /** Model ids in the order they first produced a score, with how many scores each produced. */
    public Map<String, Long> scoresByModel() {
        synchronized (scoresByModel) {
            return new LinkedHashMap<>(scoresByModel);
        }
    }

    public List<String> statusReports() {
        synchronized (statusReports) {
            return List.copyOf(statusReports);
        }
    }

    public LatencyWindow latencies() {
        return latencies;
    }

    /** Milliseconds between the first and the last scored time seen (0 before two scores). */
    public long scoringSpanMillis() {
        long first = firstScoredTime;
        return first == Long.MAX_VALUE ? 0 : Math.max(0, lastScoredTime - first);
    }

    /** Leads among {@code acknowledged} that have no score yet. */
    public long missing(Map<String, Truth> acknowledged) {
        long missing = 0;
        for (String leadId : acknowledged.keySet()) {
            if (!firstScore.containsKey(leadId)) {
                missing++;
            }
        }
        return missing;
    }

    /** Stops the reading loop (from another thread). */
    @Override
    public void close() {
        stopped = true;
        consumer.wakeup();
    }
}
