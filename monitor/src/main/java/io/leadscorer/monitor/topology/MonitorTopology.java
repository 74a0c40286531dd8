package io.leadscorer.monitor.topology;

import io.leadscorer.avro.LeadOutcome;
import io.leadscorer.avro.ModelCommand;
import io.leadscorer.avro.ModelQuality;
import io.leadscorer.avro.MqlEvent;
import io.leadscorer.avro.QualityScope;
import io.leadscorer.avro.ScoredLead;
import io.leadscorer.monitor.config.MonitorSettings;
import io.leadscorer.monitor.config.MonitorStreamsConfig;
import io.leadscorer.monitor.drift.ModelReferences;
import io.leadscorer.monitor.label.LabelJoinProcessor;
import io.leadscorer.monitor.label.LabelRules;
import io.leadscorer.monitor.label.LeadStateSerde;
import io.leadscorer.monitor.label.Routed;
import io.leadscorer.monitor.metrics.MonitorMetrics;
import io.leadscorer.monitor.quality.ModelFact;
import io.leadscorer.monitor.quality.ModelFactSerde;
import io.leadscorer.monitor.quality.QualityAccumulatorSerde;
import io.leadscorer.monitor.quality.QualityProcessor;
import io.leadscorer.monitor.rollout.PairFactSerde;
import io.leadscorer.monitor.rollout.RolloutInput;
import io.leadscorer.monitor.rollout.RolloutProcessor;
import io.leadscorer.monitor.rollout.ScoreDrift;
import io.leadscorer.monitor.rollout.ScoreDriftSerde;
import io.leadscorer.monitor.rollout.ScoringFailureReader;
import io.leadscorer.monitor.rollout.ScoringFailureSerde;
import io.leadscorer.schemas.serde.AvroWireSerde;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The monitor's Kafka Streams topology, built by one function that the service and the tests share:
 * <pre>
 *   scores, shadow scores, outcomes, events (bytes, by lead id) -> label-join [leads, lead-expiry]
 *       -> dead letters (outcomes)
 *       -> model facts (by model id)
 *       -> pair facts (by deployment)
 *   model facts (repartition topic) -> quality [model-quality, model-quality-bins]
 *       -> quality (ModelQuality Avro, by model@scope)
 *       -> score drift of each model's cumulative figures (by deployment)
 *   scorer dead letters naming the model that failed (bytes) -> scoring failures (by deployment)
 *   control (the deployment's commands), pair facts, score drift, scoring failures (repartition topics of one
 *   partition) -> rollout [rollout-command, rollout-pairs, rollout-drift, rollout-failures, rollout-scored-before]
 *       -> control (ModelCommand Avro, by deployment)
 * </pre>
 * Scores, shadow scores and outcomes must have the same number of partitions (all keyed by lead id with the default
 * partitioner), so that a lead's scores and outcomes meet in one task. Everything the rollout reads goes through a
 * topic of one partition, so that one task holds the whole deployment's trial, whatever the control topic's partitions.
 */
public final class MonitorTopology {

    public static final String LEADS_STORE = "leads";
    public static final String EXPIRY_STORE = "lead-expiry";
    public static final String QUALITY_STORE = "model-quality";
    public static final String QUALITY_BINS_STORE = "model-quality-bins";
    public static final String FACTS_TOPIC_NAME = "model-facts";
    public static final String ROLLOUT_COMMAND_STORE = "rollout-command";
    public static final String ROLLOUT_PAIRS_STORE = "rollout-pairs";
    public static final String ROLLOUT_DRIFT_STORE = "rollout-drift";
    public static final String ROLLOUT_FAILURES_STORE = "rollout-failures";
    public static final String ROLLOUT_SCORED_BEFORE_STORE = "rollout-scored-before";
    /** How often the lead-keyed half looks for leads whose retention has passed. */
    static final Duration EXPIRY_INTERVAL = Duration.ofSeconds(1);

    private MonitorTopology() {
    }

    public static Topology build(MonitorSettings settings, ModelReferences references, MonitorMetrics metrics,
                                 Clock clock, Consumer<ModelQuality> listener) {
        Map<String, Object> serdeConfig = MonitorStreamsConfig.serdeConfig(settings);
        MonitorSettings.Topics topics = settings.topics();
        LabelJoinProcessor.Inputs inputs = new LabelJoinProcessor.Inputs(
                topics.scores(), topics.shadowScores(),
                AvroWireSerde.of(ScoredLead.class, serdeConfig, false).deserializer(),
                topics.outcomes(), AvroWireSerde.of(LeadOutcome.class, serdeConfig, false).deserializer(),
                topics.events(), AvroWireSerde.of(MqlEvent.class, serdeConfig, false).deserializer());
        MonitorSettings.Labels labels = settings.labels();
        LabelRules rules = new LabelRules(labels.horizon(), labels.grace(), labels.implicitNegatives());
        MonitorSettings.Quality quality = settings.quality();
        QualityProcessor.Settings figures = new QualityProcessor.Settings(QUALITY_STORE, QUALITY_BINS_STORE, quality.window(),
                quality.retention(), quality.reportInterval(), settings.drift().warn(), settings.drift().alarm());
        MonitorSettings.Rollout rollout = settings.rollout();
        String deployment = rollout.deployment();
        RolloutProcessor.Settings judging = new RolloutProcessor.Settings(deployment, topics.control(),
                AvroWireSerde.of(ModelCommand.class, serdeConfig, false), rollout.evaluateInterval(),
                rollout.defaultPolicy(), ROLLOUT_COMMAND_STORE, ROLLOUT_PAIRS_STORE, ROLLOUT_DRIFT_STORE,
                ROLLOUT_FAILURES_STORE, ROLLOUT_SCORED_BEFORE_STORE);

        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LEADS_STORE),
                Serdes.String(), new LeadStateSerde()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(EXPIRY_STORE),
                Serdes.Bytes(), Serdes.ByteArray()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(QUALITY_STORE),
                Serdes.String(), new QualityAccumulatorSerde()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(QUALITY_BINS_STORE),
                Serdes.String(), Serdes.Long()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ROLLOUT_COMMAND_STORE),
                Serdes.String(), Serdes.ByteArray()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ROLLOUT_PAIRS_STORE),
                Serdes.String(), new PairFactSerde()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ROLLOUT_DRIFT_STORE),
                Serdes.String(), new ScoreDriftSerde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ROLLOUT_FAILURES_STORE),
                Serdes.String(), Serdes.String()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ROLLOUT_SCORED_BEFORE_STORE),
                Serdes.String(), Serdes.Long()));

        KStream<byte[], Routed> routed = builder
                .stream(List.of(topics.scores(), topics.shadowScores(), topics.outcomes(), topics.events()),
                        Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("leads-in"))
                .process(() -> new LabelJoinProcessor(inputs, rules, LEADS_STORE, EXPIRY_STORE, EXPIRY_INTERVAL,
                        settings.drift(), references, metrics), Named.as("label-join"),
                        LEADS_STORE, EXPIRY_STORE);
        Map<String, KStream<byte[], Routed>> routes = routed.split(Named.as("route-"))
                .branch((key, value) -> value.isDeadLetter(), Branched.as("dead-letters"))
                .branch((key, value) -> value.isPair(), Branched.as("pairs"))
                .defaultBranch(Branched.as("facts"));
        routes.get("route-dead-letters")
                .mapValues(Routed::deadLetter, Named.as("dead-letter-bytes"))
                .to(topics.deadLetter(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("dead-letters"));
        KStream<String, ModelQuality> qualities = routes.get("route-facts")
                .mapValues(Routed::fact, Named.as("facts"))
                .repartition(Repartitioned.<byte[], ModelFact>with(Serdes.ByteArray(), new ModelFactSerde())
                        .withName(FACTS_TOPIC_NAME))
                .process(() -> new QualityProcessor(figures, references, clock, listener), Named.as("quality"),
                        QUALITY_STORE, QUALITY_BINS_STORE);
        qualities.to(topics.quality(), Produced.with(Serdes.String(),
                AvroWireSerde.of(ModelQuality.class, serdeConfig, false)).withName("quality-out"));

        KStream<String, RolloutInput> pairs = routes.get("route-pairs")
                .map((key, value) -> KeyValue.pair(deployment, value.pair()), Named.as("pairs-by-deployment"))
                .repartition(Repartitioned.with(Serdes.String(), new PairFactSerde())
                        .withName("rollout-pair-facts").withNumberOfPartitions(1))
                .mapValues(RolloutInput::pair, Named.as("pair-inputs"));
        KStream<String, RolloutInput> drift = qualities
                .filter((key, value) -> value.getScope() == QualityScope.CUMULATIVE, Named.as("cumulative-quality"))
                .map((key, value) -> KeyValue.pair(deployment, ScoreDrift.of(value)), Named.as("drift-by-deployment"))
                .repartition(Repartitioned.with(Serdes.String(), new ScoreDriftSerde())
                        .withName("rollout-score-drift").withNumberOfPartitions(1))
                .mapValues(RolloutInput::drift, Named.as("drift-inputs"));
        KStream<String, RolloutInput> failures = builder
                .stream(topics.scorerDeadLetter(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName("scorer-dead-letters-in"))
                .process(() -> new ScoringFailureReader(deployment, metrics), Named.as("scoring-failures"))
                .repartition(Repartitioned.with(Serdes.String(), new ScoringFailureSerde())
                        .withName("rollout-scoring-failures").withNumberOfPartitions(1))
                .mapValues(RolloutInput::failure, Named.as("failure-inputs"));
        KStream<String, RolloutInput> commands = builder
                .stream(topics.control(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("control-in"))
                .filter((key, value) -> deployment.equals(key) && value != null, Named.as("deployment-commands"))
                .repartition(Repartitioned.with(Serdes.String(), Serdes.ByteArray())
                        .withName("rollout-commands").withNumberOfPartitions(1))
                .mapValues(RolloutInput::command, Named.as("command-inputs"));
        commands.merge(pairs, Named.as("rollout-inputs")).merge(drift, Named.as("rollout-all-inputs"))
                .merge(failures, Named.as("rollout-failure-inputs"))
                .process(() -> new RolloutProcessor(judging, metrics), Named.as("rollout"),
                        ROLLOUT_COMMAND_STORE, ROLLOUT_PAIRS_STORE, ROLLOUT_DRIFT_STORE, ROLLOUT_FAILURES_STORE,
                        ROLLOUT_SCORED_BEFORE_STORE)
                .to(topics.control(), Produced.with(Serdes.String(),
                        AvroWireSerde.of(ModelCommand.class, serdeConfig, false)).withName("decisions-out"));
        return builder.build();
    }
}
