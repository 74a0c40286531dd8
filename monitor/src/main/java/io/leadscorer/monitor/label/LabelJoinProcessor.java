package io.leadscorer.monitor.label;

import io.leadscorer.avro.LeadOutcome;
import io.leadscorer.avro.MqlEvent;
import io.leadscorer.avro.ScoredLead;
import io.leadscorer.monitor.drift.ModelReference;
import io.leadscorer.monitor.drift.ModelReferences;
import io.leadscorer.monitor.metrics.MonitorMetrics;
import io.leadscorer.monitor.quality.InputFact;
import io.leadscorer.monitor.quality.ModelFact;
import io.leadscorer.monitor.quality.Observation;
import io.leadscorer.monitor.quality.ScoreFact;
import io.leadscorer.monitor.rollout.PairFact;
import io.leadscorer.schemas.serde.RegistryUnavailableException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import io.leadscorer.monitor.config.MonitorSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The lead-keyed half of the monitor. Scores (live and shadow) and outcomes of one lead meet here (the topics are
 * partitioned alike, by lead id): each lead's state is kept until its horizon and grace have passed, {@link LabelRules}
 * decides what each input means, and every labelled score goes on as an {@link Observation} keyed by its model; when a
 * lead scored by two or more models gets its label, or its label changes, its {@link PairFact} goes on to the rollout,
 * which compares the models on the same leads. Every score also goes on as a {@link ScoreFact}, and the inputs of a
 * sample of the leads as an {@link InputFact} for every model that scored within the drift's active time (binned by
 * that model's reference). An outcome that cannot be read is dead-lettered with its reason. Time here is the latest
 * event or outcome time seen, so expiry follows the data, whatever the clock says when it is replayed.
 */
public final class LabelJoinProcessor implements Processor<byte[], byte[], byte[], Routed> {

    /** The names and meaning of the dead-letter headers, as the scorer writes them for its own input. */
    public static final String ERROR_REASON = "dlq.error.reason";
    public static final String ERROR_MESSAGE = "dlq.error.message";
    public static final String SOURCE_TOPIC = "dlq.source.topic";
    public static final String SOURCE_PARTITION = "dlq.source.partition";
    public static final String SOURCE_OFFSET = "dlq.source.offset";

    /** Topic names and decoders of the inputs: the live and the shadow scores are read alike. */
    public record Inputs(String scores, String shadowScores, Deserializer<ScoredLead> scoreReader, String outcomes,
                         Deserializer<LeadOutcome> outcomeReader, String events, Deserializer<MqlEvent> eventReader) {
    }

    private final Inputs inputs;
    private final LabelRules rules;
    private final String leadsStore;
    private final String expiryStore;
    private final Duration expiryInterval;
    private final long driftActiveMs;
    private final int driftSampleEvery;
    private final ModelReferences references;
    private final MonitorMetrics metrics;
    private final Map<String, Long> lastScoredAt = new HashMap<>();

    private ProcessorContext<byte[], Routed> context;
    private KeyValueStore<String, LeadState> leads;
    private KeyValueStore<Bytes, byte[]> expiry;
    private long streamTime = Long.MIN_VALUE;

    public LabelJoinProcessor(Inputs inputs, LabelRules rules, String leadsStore, String expiryStore,
                              Duration expiryInterval, MonitorSettings.Drift drift, ModelReferences references,
                              MonitorMetrics metrics) {
        this.inputs = inputs;
        this.rules = rules;
        this.leadsStore = leadsStore;
        this.expiryStore = expiryStore;
        this.expiryInterval = expiryInterval;
        this.driftActiveMs = drift.activeFor().toMillis();
        this.driftSampleEvery = drift.sampleEvery();
        this.references = references;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<byte[], Routed> context) {
        this.context = context;
        this.leads = context.getStateStore(leadsStore);
        this.expiry = context.getStateStore(expiryStore);
        context.schedule(expiryInterval, PunctuationType.WALL_CLOCK_TIME, now -> expireDue());
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("");
        if (topic.equals(inputs.scores()) || topic.equals(inputs.shadowScores())) {
            decode(record, topic, inputs.scoreReader(), "score").ifPresent(score -> onScore(record, score));
        } else if (topic.equals(inputs.outcomes())) {
            decode(record, topic, inputs.outcomeReader(), "outcome").ifPresent(outcome -> onOutcome(record, outcome));
        } else if (topic.equals(inputs.events())) {
            onEvent(record);
        }
    }

    private void onScore(Record<byte[], byte[]> record, ScoredLead score) {
        String leadId = score.getLeadId();
        if (!keyMatches(record, leadId, "score")) {
            return;
        }
        long eventTime = score.getEventTime().toEpochMilli();
        advance(eventTime);
        lastScoredAt.merge(score.getModelId(), eventTime, Math::max);
        LeadState before = stateOf(leadId);
        LabelRules.Step step = rules.onScore(before,
                new ModelScore(score.getModelId(), score.getProbability(), score.getThreshold()), eventTime);
        metrics.input("score", step.result().name().toLowerCase());
        if (step.result() == LabelRules.Result.DUPLICATE_SCORE) {
            return;
        }
        forward(record, new ScoreFact(score.getModelId(), score.getProbability(), eventTime));
        save(leadId, before, step.state());
        step.observations().forEach(observation -> forward(record, observation));
        forwardPair(record, leadId, step.state(), step.state().label() == Label.POSITIVE, step.observations());
    }

    private void onOutcome(Record<byte[], byte[]> record, LeadOutcome outcome) {
        String leadId = outcome.getLeadId();
        if (!keyMatches(record, leadId, "outcome")) {
            return;
        }
        long outcomeTime = outcome.getOutcomeTime().toEpochMilli();
        advance(outcomeTime);
        LeadState before = stateOf(leadId);
        LabelRules.Step step = rules.onOutcome(before, outcome.getConverted(), outcomeTime);
        metrics.input("outcome", step.result().name().toLowerCase());
        save(leadId, before, step.state());
        step.observations().forEach(observation -> forward(record, observation));
        forwardPair(record, leadId, step.state(), step.state().label() == Label.POSITIVE, step.observations());
    }

    private void onEvent(Record<byte[], byte[]> record) {
        if (lastScoredAt.isEmpty() || Math.floorMod(Arrays.hashCode(record.key()), driftSampleEvery) != 0) {
            return;
        }
        MqlEvent event;
        try {
            event = inputs.eventReader().deserialize(inputs.events(), record.headers(), record.value());
        } catch (RegistryUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            metrics.input("event", "undecodable");
            return;
        }
        if (event == null) {
            return;
        }
        long eventTime = event.getEventTime().toEpochMilli();
        lastScoredAt.forEach((modelId, scoredAt) -> {
            if (scoredAt >= eventTime - driftActiveMs) {
                references.of(modelId).ifPresent(reference -> forward(record, inputsOf(modelId, eventTime, reference, event)));
            }
        });
        metrics.input("event", "profiled");
    }

    private static InputFact inputsOf(String modelId, long eventTime, ModelReference reference, MqlEvent event) {
        return new InputFact(modelId, eventTime, reference.bins(event));
    }

    private void expireDue() {
        List<KeyValue<Bytes, byte[]>> due = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> all = expiry.all()) {
            while (all.hasNext()) {
                KeyValue<Bytes, byte[]> entry = all.next();
                if (ExpiryIndex.expiry(entry.key) > streamTime) {
                    break;
                }
                due.add(entry);
            }
        }
        for (KeyValue<Bytes, byte[]> entry : due) {
            String leadId = ExpiryIndex.leadId(entry.key);
            LeadState state = leads.get(leadId);
            expiry.delete(entry.key);
            if (state == null) {
                continue;
            }
            leads.delete(leadId);
            if (!state.scored()) {
                metrics.input("outcome", "expired_unscored");
            }
            Record<byte[], byte[]> trigger = new Record<>(leadId.getBytes(StandardCharsets.UTF_8), null,
                    Math.max(0, streamTime));
            List<Observation> negatives = rules.onExpiry(state);
            negatives.forEach(observation -> forward(trigger, observation));
            forwardPair(trigger, leadId, state, false, negatives);
        }
    }

    private LeadState stateOf(String leadId) {
        LeadState state = leads.get(leadId);
        return state == null ? LeadState.EMPTY : state;
    }

    private void save(String leadId, LeadState before, LeadState after) {
        if (before.equals(after)) {
            return;
        }
        long due = rules.expiry(after);
        if (before != LeadState.EMPTY) {
            long was = rules.expiry(before);
            if (was != due) {
                expiry.delete(ExpiryIndex.key(was, leadId));
            }
        }
        expiry.put(ExpiryIndex.key(due, leadId), new byte[0]);
        leads.put(leadId, after);
    }

    private void advance(long time) {
        streamTime = Math.max(streamTime, time);
    }

    private boolean keyMatches(Record<byte[], byte[]> record, String leadId, String kind) {
        if (leadId == null || leadId.isEmpty()) {
            deadLetter(record, kind, "missing_lead_id", "the " + kind + " has no lead id");
            return false;
        }
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        if (!leadId.equals(key)) {
            deadLetter(record, kind, "key_mismatch", "the record key '" + key + "' is not the lead id '" + leadId
                    + "', so it may sit in another partition than the lead's scores");
            return false;
        }
        return true;
    }

    private <T> Optional<T> decode(Record<byte[], byte[]> record, String topic, Deserializer<T> reader, String kind) {
        try {
            T value = reader.deserialize(topic, record.headers(), record.value());
            if (value == null) {
                deadLetter(record, kind, "empty_value", "the record has no value");
                return Optional.empty();
            }
            return Optional.of(value);
        } catch (RegistryUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            deadLetter(record, kind, "undecodable", String.valueOf(e.getMessage()));
            return Optional.empty();
        }
    }

    private void deadLetter(Record<byte[], byte[]> record, String kind, String reason, String message) {
        metrics.input(kind, "dead_lettered");
        Headers headers = new RecordHeaders(record.headers().toArray());
        put(headers, ERROR_REASON, kind + "_" + reason);
        put(headers, ERROR_MESSAGE, message.length() > 1024 ? message.substring(0, 1024) : message);
        context.recordMetadata().ifPresent(source -> {
            put(headers, SOURCE_TOPIC, source.topic());
            put(headers, SOURCE_PARTITION, Integer.toString(source.partition()));
            put(headers, SOURCE_OFFSET, Long.toString(source.offset()));
        });
        context.forward(new Record<>(record.key(), Routed.deadLetter(record.value()), record.timestamp(), headers));
    }

    private void forward(Record<byte[], byte[]> cause, ModelFact fact) {
        context.forward(new Record<>(fact.modelId().getBytes(StandardCharsets.UTF_8), Routed.fact(fact),
                cause.timestamp(), new RecordHeaders()));
    }

    /** The lead's pair, when its scores were just labelled and more than one model scored it. */
    private void forwardPair(Record<byte[], byte[]> cause, String leadId, LeadState state, boolean converted,
                             List<Observation> observations) {
        if (observations.isEmpty() || state.scores().size() < 2) {
            return;
        }
        Map<String, Double> probabilities = new LinkedHashMap<>();
        state.scores().forEach(score -> probabilities.put(score.modelId(), score.probability()));
        context.forward(new Record<>(leadId.getBytes(StandardCharsets.UTF_8),
                Routed.pair(new PairFact(leadId, converted, probabilities)), cause.timestamp(), new RecordHeaders()));
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
