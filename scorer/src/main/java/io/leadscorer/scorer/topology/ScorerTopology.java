package io.leadscorer.scorer.topology;

import io.leadscorer.avro.MqlEvent;
import io.leadscorer.avro.ScoredLead;
import io.leadscorer.schemas.serde.AvroWireSerde;
import io.leadscorer.scorer.batch.BufferControl;
import io.leadscorer.scorer.batch.BufferedLead;
import io.leadscorer.scorer.batch.BufferedLeadSerde;
import io.leadscorer.scorer.batch.MicroBatchProcessor;
import io.leadscorer.scorer.config.ScorerSettings;
import io.leadscorer.scorer.config.ScorerStreamsConfig;
import io.leadscorer.scorer.decode.LeadDecoder;
import io.leadscorer.scorer.metrics.ScorerMetrics;
import io.leadscorer.scorer.predict.StreamThreadScorers;
import io.leadscorer.scorer.decode.RecordLimits;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The scorer's Kafka Streams topology, built by one function that the service and the tests share:
 * <pre>
 *   events (bytes) -> score-batches [lead-buffer store] -> scores (ScoredLead Avro)
 *                                                       -> shadow-scores (ScoredLead Avro, the shadow model's)
 *                                                       -> dead-letters (original bytes + dlq.* headers)
 * </pre>
 * The input is read as raw bytes so that a record that fails to decode can still be dead-lettered unchanged.
 */
public final class ScorerTopology {

    public static final String SOURCE = "events";
    public static final String PROCESSOR = "score-batches";
    public static final String BUFFER_STORE = "lead-buffer";
    public static final String SCORES_SINK = "scores";
    public static final String SHADOW_SCORES_SINK = "shadow-scores";
    public static final String DEAD_LETTER_SINK = "dead-letters";

    /** A score that is serialized (never sent) to make sure the scores' schema is registered before scores are. */
    private static final ScoredLead SCHEMA_PROBE = ScoredLead.newBuilder().setLeadId("schema-probe").setProbability(0)
            .setLabel(false).setThreshold(0).setModelId("none").setEventTime(Instant.EPOCH).setScoredTime(Instant.EPOCH)
            .build();

    private ScorerTopology() {
    }

    /** The topology with the default record limits. */
    public static Topology build(ScorerSettings settings, StreamThreadScorers scorers, ScorerMetrics metrics,
                                 BufferControl buffers, Clock clock) {
        return build(settings, RecordLimits.DEFAULTS, scorers, metrics, buffers, clock);
    }

    /**
     * The topology. One Avro serde pair serves all tasks of the instance, so the schema cache (writer schemas by id,
     * their resolutions, the scores' schema id) is one per instance, not one per task.
     */
    public static Topology build(ScorerSettings settings, RecordLimits limits, StreamThreadScorers scorers,
                                 ScorerMetrics metrics, BufferControl buffers, Clock clock) {
        Map<String, Object> serdeConfig = ScorerStreamsConfig.serdeConfig(settings);
        Serializer<ScoredLead> scoredLeads = AvroWireSerde.of(ScoredLead.class, serdeConfig, false).serializer();
        Deserializer<MqlEvent> events = AvroWireSerde.of(MqlEvent.class, serdeConfig, false).deserializer();
        String output = settings.topics().output();
        Runnable outputSchemaCheck = () -> scoredLeads.serialize(output, SCHEMA_PROBE);
        String shadowOutput = settings.topics().shadowScores();
        Runnable shadowSchemaCheck = () -> scoredLeads.serialize(shadowOutput, SCHEMA_PROBE);
        MicroBatchProcessor.Settings batching = new MicroBatchProcessor.Settings(BUFFER_STORE, SCORES_SINK,
                SHADOW_SCORES_SINK, DEAD_LETTER_SINK, settings.batch().size(), settings.batch().maxWait(),
                ScorerStreamsConfig.punctuationInterval(settings.batch()), limits.maxDeadLetterBytes());
        StoreBuilder<KeyValueStore<Long, BufferedLead>> buffer = Stores
                .keyValueStoreBuilder(Stores.persistentKeyValueStore(BUFFER_STORE), Serdes.Long(), new BufferedLeadSerde())
                .withCachingEnabled()
                .withLoggingEnabled(Map.of());

        Topology topology = new Topology();
        topology.addSource((Topology.AutoOffsetReset) null, SOURCE, new InvalidTimestampFallback(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer(), settings.topics().input());
        topology.addProcessor(PROCESSOR, () -> new MicroBatchProcessor(batching,
                new LeadDecoder(events, settings.batch().maxValueBytes(), limits),
                scorers, metrics, buffers, clock, outputSchemaCheck, shadowSchemaCheck), SOURCE);
        topology.addStateStore(buffer, PROCESSOR);
        topology.addSink(SCORES_SINK, settings.topics().output(), new StringSerializer(), scoredLeads, PROCESSOR);
        topology.addSink(SHADOW_SCORES_SINK, shadowOutput, new StringSerializer(), scoredLeads, PROCESSOR);
        topology.addSink(DEAD_LETTER_SINK, settings.topics().deadLetter(), new ByteArraySerializer(),
                new ByteArraySerializer(), PROCESSOR);
        return topology;
    }
}
