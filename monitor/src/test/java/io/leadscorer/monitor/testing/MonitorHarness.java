package io.leadscorer.monitor.testing;

import io.leadscorer.avro.LeadOutcome;
import io.leadscorer.avro.ModelCommand;
import io.leadscorer.avro.ModelQuality;
import io.leadscorer.avro.MqlEvent;
import io.leadscorer.avro.ScoredLead;
import io.leadscorer.monitor.config.MonitorSettings;
import io.leadscorer.monitor.config.MonitorStreamsConfig;
import io.leadscorer.monitor.drift.ModelReferences;
import io.leadscorer.monitor.metrics.MonitorMetrics;
import io.leadscorer.monitor.topology.MonitorTopology;
import io.leadscorer.schemas.serde.AvroWireSerde;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The monitor topology in a {@link TopologyTestDriver}, built by the same {@link MonitorTopology#build} and
 * {@link MonitorStreamsConfig#properties} as the service, with live and shadow scores, outcomes, events, control
 * commands and the scorer's dead letters to send and the quality, dead-letter and control topics to read.
 */
public final class MonitorHarness implements AutoCloseable {

    public static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    public final MonitorSettings settings;
    public final MonitorMetrics metrics = new MonitorMetrics(new SimpleMeterRegistry());
    public final TopologyTestDriver driver;
    public final List<ModelQuality> written = new ArrayList<>();
    private final TestInputTopic<byte[], byte[]> scores;
    private final TestInputTopic<byte[], byte[]> shadowScores;
    private final TestInputTopic<String, ModelCommand> commands;
    private final TestInputTopic<byte[], byte[]> outcomes;
    private final TestInputTopic<byte[], byte[]> events;
    private final TestInputTopic<byte[], byte[]> scorerDeadLetters;
    public final TestOutputTopic<String, ModelQuality> quality;
    public final TestOutputTopic<byte[], byte[]> deadLetters;
    public final TestOutputTopic<String, ModelCommand> decisions;
    private final Serializer<ScoredLead> scoreWriter;
    private final Serializer<LeadOutcome> outcomeWriter;
    private final Serializer<MqlEvent> eventWriter;

    public MonitorHarness(MonitorSettings settings, ModelReferences references) {
        this.settings = settings;
        Map<String, Object> serdeConfig = MonitorStreamsConfig.serdeConfig(settings);
        this.driver = new TopologyTestDriver(MonitorTopology.build(settings, references, metrics,
                Clock.fixed(START, ZoneOffset.UTC), written::add), MonitorStreamsConfig.properties(settings), START);
        MonitorSettings.Topics topics = settings.topics();
        this.scores = driver.createInputTopic(topics.scores(), new ByteArraySerializer(), new ByteArraySerializer());
        this.shadowScores = driver.createInputTopic(topics.shadowScores(), new ByteArraySerializer(),
                new ByteArraySerializer());
        this.commands = driver.createInputTopic(topics.control(), new StringSerializer(),
                AvroWireSerde.of(ModelCommand.class, serdeConfig, false).serializer());
        this.decisions = driver.createOutputTopic(topics.control(), new StringDeserializer(),
                AvroWireSerde.of(ModelCommand.class, serdeConfig, false).deserializer());
        this.outcomes = driver.createInputTopic(topics.outcomes(), new ByteArraySerializer(), new ByteArraySerializer());
        this.events = driver.createInputTopic(topics.events(), new ByteArraySerializer(), new ByteArraySerializer());
        this.scorerDeadLetters = driver.createInputTopic(topics.scorerDeadLetter(), new ByteArraySerializer(),
                new ByteArraySerializer());
        this.quality = driver.createOutputTopic(topics.quality(), new StringDeserializer(),
                AvroWireSerde.of(ModelQuality.class, serdeConfig, false).deserializer());
        this.deadLetters = driver.createOutputTopic(topics.deadLetter(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        this.scoreWriter = AvroWireSerde.of(ScoredLead.class, serdeConfig, false).serializer();
        this.outcomeWriter = AvroWireSerde.of(LeadOutcome.class, serdeConfig, false).serializer();
        this.eventWriter = AvroWireSerde.of(MqlEvent.class, serdeConfig, false).serializer();
    }

    public void score(String leadId, String modelId, double probability, double threshold, Instant eventTime) {
        ScoredLead score = ScoredLead.newBuilder().setLeadId(leadId).setModelId(modelId).setProbability(probability)
                .setThreshold(threshold).setLabel(probability >= threshold).setEventTime(eventTime)
                .setScoredTime(eventTime.plusMillis(20)).build();
        scores.pipeInput(key(leadId), scoreWriter.serialize(settings.topics().scores(), score), eventTime);
    }

    public void shadowScore(String leadId, String modelId, double probability, Instant eventTime) {
        ScoredLead score = ScoredLead.newBuilder().setLeadId(leadId).setModelId(modelId).setProbability(probability)
                .setThreshold(0.5).setLabel(probability >= 0.5).setEventTime(eventTime)
                .setScoredTime(eventTime.plusMillis(20)).build();
        shadowScores.pipeInput(key(leadId), scoreWriter.serialize(settings.topics().shadowScores(), score), eventTime);
    }

    /** A command on the control topic, keyed by the deployment it is for. */
    public void command(String deployment, ModelCommand command) {
        commands.pipeInput(deployment, command, command.getRequestedTime());
    }

    public void outcome(String leadId, boolean converted, Instant outcomeTime) {
        LeadOutcome outcome = LeadOutcome.newBuilder().setLeadId(leadId).setConverted(converted)
                .setOutcomeTime(outcomeTime).setSource("test").build();
        outcomes.pipeInput(key(leadId), outcomeWriter.serialize(settings.topics().outcomes(), outcome), outcomeTime);
    }

    public void rawOutcome(byte[] key, byte[] value) {
        outcomes.pipeInput(key, value, START);
    }

    public void event(MqlEvent event) {
        events.pipeInput(key(event.getLeadId()), eventWriter.serialize(settings.topics().events(), event),
                event.getEventTime());
    }

    /**
     * The scorer's dead letter of the lead at {@code offset} of the events' partition 0, with the headers the scorer
     * writes; {@code modelId} names the model that failed on it, or null for a lead rejected before scoring.
     */
    public void scorerDeadLetter(String leadId, String modelId, long offset, Instant at) {
        Headers headers = new RecordHeaders();
        header(headers, "dlq.error.reason", modelId == null ? "undecodable" : "unscorable");
        header(headers, "dlq.source.topic", settings.topics().events());
        header(headers, "dlq.source.partition", "0");
        header(headers, "dlq.source.offset", Long.toString(offset));
        if (modelId != null) {
            header(headers, "dlq.model.id", modelId);
        }
        scorerDeadLetters.pipeInput(new TestRecord<>(key(leadId), new byte[] {1, 2, 3}, headers, at));
    }

    private static void header(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Lets the report and expiry punctuations run, then returns the latest record of every quality key written. */
    public Map<String, ModelQuality> report() {
        driver.advanceWallClockTime(settings.quality().reportInterval().plusMillis(1));
        Map<String, ModelQuality> latest = new LinkedHashMap<>();
        quality.readKeyValuesToList().forEach(kv -> latest.put(kv.key, kv.value));
        return latest;
    }

    public void tick(Duration duration) {
        driver.advanceWallClockTime(duration);
    }

    private static byte[] key(String leadId) {
        return leadId.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        driver.close();
    }
}
