package io.leadscorer.scorer.testing;

import io.leadscorer.avro.MqlEvent;
import io.leadscorer.avro.ScoredLead;
import io.leadscorer.schemas.registry.SchemaRegistryConfig;
import io.leadscorer.schemas.serde.AvroWireSerde;
import io.leadscorer.scorer.batch.BufferControl;
import io.leadscorer.scorer.config.ScorerSettings;
import io.leadscorer.scorer.config.ScorerStreamsConfig;
import io.leadscorer.scorer.metrics.ScorerMetrics;
import io.leadscorer.scorer.predict.LeadScorer;
import io.leadscorer.scorer.predict.LeadScorerFactory;
import io.leadscorer.scorer.predict.PendingScores;
import io.leadscorer.scorer.predict.ScoredBatch;
import io.leadscorer.scorer.predict.StreamThreadScorers;
import io.leadscorer.scorer.topology.ScorerTopology;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The scorer topology in a {@link TopologyTestDriver}, built by the same {@link ScorerTopology#build} and
 * {@link ScorerStreamsConfig#properties} as the service, with the input, scores, shadow scores and dead-letter topics
 * at hand. The driver runs everything on the test's thread and forwards only inside a record or a punctuation, so each
 * scorer's batches (and their shadow's part) are waited for inside {@code submit} here: a batch's scores are out when
 * the record or tick that made it due has been processed. The pipelined path, with batches scored on inference
 * threads, runs in the tests against a broker.
 */
public final class TopologyHarness implements AutoCloseable {

    public static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
    public static final Instant SCORED_AT = Instant.parse("2026-03-02T09:30:00Z");

    public final ScorerSettings settings;
    public final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    public final TopologyTestDriver driver;
    public final TestInputTopic<byte[], byte[]> input;
    public final TestOutputTopic<String, ScoredLead> scores;
    public final TestOutputTopic<String, ScoredLead> shadowScores;
    public final TestOutputTopic<byte[], byte[]> deadLetters;
    public final BufferControl buffers = new BufferControl();
    private final StreamThreadScorers scorers;
    private final Serializer<MqlEvent> events;

    public TopologyHarness(ScorerSettings settings, LeadScorerFactory scorerFactory) {
        this.settings = settings;
        this.scorers = new StreamThreadScorers(() -> inline(scorerFactory.open()));
        Map<String, Object> serdeConfig = ScorerStreamsConfig.serdeConfig(settings);
        this.events = AvroWireSerde.of(MqlEvent.class, serdeConfig, false).serializer();
        this.driver = new TopologyTestDriver(
                ScorerTopology.build(settings, scorers, new ScorerMetrics(registry), buffers,
                        Clock.fixed(SCORED_AT, ZoneOffset.UTC)),
                ScorerStreamsConfig.properties(settings), START);
        this.input = driver.createInputTopic(settings.topics().input(), new ByteArraySerializer(), new ByteArraySerializer(),
                START, Duration.ofMillis(1));
        this.scores = driver.createOutputTopic(settings.topics().output(), new StringDeserializer(),
                AvroWireSerde.of(ScoredLead.class, Map.of(SchemaRegistryConfig.URL, settings.registry().url()), false)
                        .deserializer());
        this.shadowScores = driver.createOutputTopic(settings.topics().shadowScores(), new StringDeserializer(),
                AvroWireSerde.of(ScoredLead.class, Map.of(SchemaRegistryConfig.URL, settings.registry().url()), false)
                        .deserializer());
        this.deadLetters = driver.createOutputTopic(settings.topics().deadLetter(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    /** The scorer with its batches (and their shadow's part) done before {@code submit} returns. */
    private static LeadScorer inline(LeadScorer scorer) {
        return new LeadScorer() {
            @Override
            public ScoredBatch score(List<MqlEvent> leads) {
                return scorer.score(leads);
            }

            @Override
            public PendingScores submit(List<MqlEvent> leads) {
                PendingScores pending = scorer.submit(leads);
                try {
                    pending.await();
                    pending.shadow();
                } catch (RuntimeException failure) {
                    // the processor collects it from the pending scores
                }
                return pending;
            }

            @Override
            public void close() {
                scorer.close();
            }
        };
    }

    /** Sends an event as a producer would: key the lead id, value in the Confluent wire format. */
    public void send(MqlEvent event) {
        input.pipeInput(key(event.getLeadId()), serialize(event));
    }

    public void sendRaw(byte[] key, byte[] value, Headers headers) {
        input.pipeInput(new org.apache.kafka.streams.test.TestRecord<>(key, value, headers));
    }

    public void sendRaw(byte[] key, byte[] value) {
        sendRaw(key, value, new RecordHeaders());
    }

    public byte[] serialize(MqlEvent event) {
        return events.serialize(settings.topics().input(), event);
    }

    public static byte[] key(String leadId) {
        return leadId.getBytes(StandardCharsets.UTF_8);
    }

    public void advanceWallClock(Duration duration) {
        driver.advanceWallClockTime(duration);
    }

    public double counter(String name, String... tags) {
        return registry.get(name).tags(tags).counter().count();
    }

    @Override
    public void close() {
        try {
            driver.close();
        } finally {
            scorers.close();
        }
    }
}
