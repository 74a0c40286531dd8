package io.leadscorer.scorer.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadscorer.avro.MqlEvent;
import io.leadscorer.avro.ScoredLead;
import io.leadscorer.schemas.registry.InMemorySchemaRegistry;
import io.leadscorer.schemas.registry.SchemaRegistryException;
import io.leadscorer.schemas.serde.AvroWireDeserializer;
import io.leadscorer.schemas.serde.AvroWireSerializer;
import io.leadscorer.schemas.serde.RegistryUnavailableException;
import io.leadscorer.schemas.serde.SchemaRejectedException;
import io.leadscorer.scorer.batch.BufferControl.HoldCause;
import io.leadscorer.scorer.decode.LeadDecoder;
import io.leadscorer.scorer.decode.RecordLimits;
import io.leadscorer.scorer.dlq.DeadLetters;
import io.leadscorer.scorer.metrics.ScorerMetrics;
import io.leadscorer.scorer.predict.LeadScorer;
import io.leadscorer.scorer.predict.ModelUnavailableException;
import io.leadscorer.scorer.predict.PendingScores;
import io.leadscorer.scorer.predict.ScoredBatch;
import io.leadscorer.scorer.predict.StreamThreadScorers;
import io.leadscorer.scorer.testing.Leads;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The batching processor on a mock context with a controllable registry and model: failures that are not the leads'
 * fault hold the leads and retry instead of dead-lettering them, each lead is decoded once, and a changelog entry
 * that cannot be read back is dead-lettered instead of failing the task.
 */
class MicroBatchProcessorTest {

    private static final Instant EVENT_TIME = Instant.parse("2026-03-02T08:59:00Z");
    private static final String TOPIC = "mql.events";

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final AvroWireSerializer<MqlEvent> serializer = new AvroWireSerializer<>(registry);
    private final AtomicBoolean registryDown = new AtomicBoolean();
    private final AtomicInteger decodes = new AtomicInteger();
    private final ControllableScorer scorer = new ControllableScorer();
    private final BufferControl control = new BufferControl();
    private final AtomicBoolean outputSchemaDown = new AtomicBoolean();
    private final AtomicBoolean outputSchemaRefused = new AtomicBoolean();
    private final MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
    private final StreamThreadScorers scorers = new StreamThreadScorers(() -> scorer);
    private KeyValueStore<Long, BufferedLead> store;
    private MicroBatchProcessor processor;
    private long offset;

    @AfterEach
    void close() {
        if (processor != null) {
            processor.close();
        }
        store.close();
    }

    private MicroBatchProcessor start(int batchSize) {
        Deserializer<MqlEvent> real = new AvroWireDeserializer<>(MqlEvent.class, registry);
        Deserializer<MqlEvent> deserializer = (topic, data) -> {
            if (registryDown.get()) {
                throw new RegistryUnavailableException("Schema registry unavailable: connection refused",
                        new SchemaRegistryException("connection refused", null));
            }
            decodes.incrementAndGet();
            return real.deserialize(topic, data);
        };
        processor = new MicroBatchProcessor(
                new MicroBatchProcessor.Settings("lead-buffer", "scores", "shadow-scores", "dead-letters", batchSize,
                        Duration.ofMillis(50), Duration.ofMillis(10), 900_000),
                new LeadDecoder(deserializer, 65536, RecordLimits.DEFAULTS), scorers,
                new ScorerMetrics(new SimpleMeterRegistry()), control, Clock.fixed(EVENT_TIME, ZoneOffset.UTC),
                () -> {
                    if (outputSchemaDown.get()) {
                        throw new RegistryUnavailableException("Schema registry unavailable registering the scores",
                                new SchemaRegistryException("503", 503, 0));
                    }
                    if (outputSchemaRefused.get()) {
                        throw new SchemaRejectedException("mql.scores-value", 409, "Schema registry refused registering"
                                + " io.leadscorer.avro.ScoredLead under subject mql.scores-value: incompatible",
                                new SchemaRegistryException("incompatible", 409, 409));
                    }
                }, () -> { });
        processor.init(context);
        return processor;
    }

    private void openStore() {
        context.setCurrentSystemTimeMs(0);
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("lead-buffer"), Serdes.Long(),
                new BufferedLeadSerde()).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
    }

    private void send(MqlEvent lead) {
        context.setRecordMetadata(TOPIC, 0, offset++);
        processor.process(new Record<>(lead.getLeadId().getBytes(StandardCharsets.UTF_8),
                serializer.serialize(TOPIC, lead), 1_000L, new RecordHeaders()));
    }

    private void tick(long toMs) {
        context.setCurrentSystemTimeMs(toMs);
        context.scheduledPunctuators().stream().filter(p -> !p.cancelled())
                .forEach(p -> p.getPunctuator().punctuate(toMs));
    }

    private List<String> scored() {
        return context.forwarded().stream().filter(f -> f.childName().orElse("").equals("scores"))
                .map(f -> ((ScoredLead) f.record().value()).getLeadId()).toList();
    }

    private List<String> deadLetterReasons() {
        return context.forwarded().stream().filter(f -> f.childName().orElse("").equals("dead-letters"))
                .map(f -> new String(f.record().headers().lastHeader(DeadLetters.ERROR_REASON).value(),
                        StandardCharsets.UTF_8)).toList();
    }

    @Test
    void decodesEachLeadOnceOnItsWayThrough() {
        openStore();
        start(4);
        Leads.leads("once", 8, EVENT_TIME).forEach(this::send);

        assertThat(scored()).hasSize(8);
        assertThat(decodes.get()).isEqualTo(8);
    }

    @Test
    void aModelThatIsUnavailableHoldsTheLeadsAndTheyAreScoredWhenItIsBack() {
        openStore();
        start(3);
        scorer.failWith(() -> new ModelUnavailableException("no model is active"), 2);
        List<MqlEvent> leads = Leads.leads("held", 3, EVENT_TIME);
        leads.forEach(this::send);

        assertThat(context.forwarded()).isEmpty();
        assertThat(control.holds().values()).singleElement().satisfies(hold -> {
            assertThat(hold.cause()).isEqualTo(HoldCause.MODEL_UNAVAILABLE);
            assertThat(hold.message()).isEqualTo("no model is active");
        });
        tick(50); // before the first backoff (100 ms) is over: no attempt
        assertThat(scorer.calls).hasValue(1);
        tick(100);
        assertThat(scorer.calls).hasValue(2);
        assertThat(control.mostFailuresInARow()).isEqualTo(2);
        assertThat(context.forwarded()).isEmpty();
        tick(300);

        assertThat(scored()).containsExactly("held-0", "held-1", "held-2");
        assertThat(deadLetterReasons()).isEmpty();
        assertThat(control.holds()).isEmpty();
        assertThat(control.buffered()).isZero();
    }

    @Test
    void aBatchInWhichEveryLeadAlsoFailsAloneIsTheModelsFaultAndIsNotDeadLettered() {
        openStore();
        start(2);
        scorer.failWith(() -> new IllegalStateException("CUDA error: device lost"), 3); // the batch, then each lead
        send(Leads.lead("gpu-0", 0, EVENT_TIME));
        send(Leads.lead("gpu-1", 1, EVENT_TIME));

        assertThat(deadLetterReasons()).isEmpty();
        assertThat(control.holds().values()).singleElement()
                .satisfies(hold -> assertThat(hold.cause()).isEqualTo(HoldCause.MODEL_UNAVAILABLE));
        tick(100);

        assertThat(scored()).containsExactly("gpu-0", "gpu-1");
        assertThat(control.holds()).isEmpty();
    }

    @Test
    void aLeadThatFailsAloneWhileOthersScoreIsDeadLetteredAsUnscorable() {
        openStore();
        start(3);
        scorer.poison = "bad-1";
        Leads.leads("bad", 3, EVENT_TIME).forEach(this::send);

        assertThat(scored()).containsExactly("bad-0", "bad-2");
        assertThat(deadLetterReasons()).containsExactly("unscorable");
        assertThat(control.holds()).isEmpty();
    }

    @Test
    void aRegistryThatIsUnavailableHoldsTheLeadsBuffersNewOnesUndecodedAndResumesByItself() {
        openStore();
        start(2);
        registryDown.set(true);
        send(Leads.lead("reg-0", 0, EVENT_TIME));
        assertThat(control.registryUnavailable()).isTrue();
        send(Leads.lead("reg-1", 1, EVENT_TIME));
        send(Leads.lead("reg-2", 2, EVENT_TIME));

        assertThat(context.forwarded()).isEmpty();
        assertThat(control.buffered()).isEqualTo(3);
        assertThat(control.holds().values()).singleElement()
                .satisfies(hold -> assertThat(hold.cause()).isEqualTo(HoldCause.REGISTRY_UNAVAILABLE));
        tick(1_000);
        assertThat(context.forwarded()).isEmpty();

        registryDown.set(false);
        tick(10_000);

        assertThat(scored()).containsExactly("reg-0", "reg-1", "reg-2");
        assertThat(deadLetterReasons()).isEmpty();
        assertThat(control.holds()).isEmpty();
        assertThat(decodes.get()).isEqualTo(3);
    }

    @Test
    void leadsDecodedBeforeTheRegistryWentAwayAreScoredAndTheHoldGoesOnForTheRest() {
        openStore();
        start(10);
        send(Leads.lead("mix-0", 0, EVENT_TIME));
        send(Leads.lead("mix-1", 1, EVENT_TIME));
        registryDown.set(true);
        send(Leads.lead("mix-2", 2, EVENT_TIME));
        send(Leads.lead("mix-3", 3, EVENT_TIME));
        tick(100);
        assertThat(scored()).containsExactly("mix-0", "mix-1");
        tick(300);
        tick(700);

        assertThat(control.mostFailuresInARow()).as("a partial batch is no recovery").isEqualTo(4);
        assertThat(control.buffered()).isEqualTo(2);
        registryDown.set(false);
        tick(1500);
        assertThat(scored()).containsExactly("mix-0", "mix-1", "mix-2", "mix-3");
        assertThat(control.holds()).isEmpty();
    }

    @Test
    void aRegistryThatCannotTakeTheScoresSchemaHoldsTheLeadsToo() {
        openStore();
        start(1);
        outputSchemaDown.set(true);
        send(Leads.lead("out-0", 0, EVENT_TIME));

        assertThat(context.forwarded()).isEmpty();
        assertThat(control.holds().values()).singleElement()
                .satisfies(hold -> assertThat(hold.cause()).isEqualTo(HoldCause.REGISTRY_UNAVAILABLE));
        outputSchemaDown.set(false);
        tick(100);

        assertThat(scored()).containsExactly("out-0");
    }

    @Test
    void aScoresSchemaTheRegistryRefusesHoldsTheLeadsWithThatCauseAndRetriesWithBackoffUntilItIsAccepted() {
        openStore();
        start(1);
        outputSchemaRefused.set(true);
        send(Leads.lead("refused-0", 0, EVENT_TIME));
        send(Leads.lead("refused-1", 1, EVENT_TIME));
        for (long ms = 10; ms <= 5_000; ms += 10) {
            tick(ms);
        }

        assertThat(context.forwarded()).as("nothing scored, nothing dead-lettered").isEmpty();
        assertThat(control.buffered()).isEqualTo(2);
        assertThat(control.registryUnavailable()).as("new records are still decoded").isFalse();
        assertThat(control.holds().values()).singleElement().satisfies(hold -> {
            assertThat(hold.cause()).isEqualTo(HoldCause.OUTPUT_SCHEMA_REJECTED);
            assertThat(hold.message()).contains("mql.scores-value");
            assertThat(hold.failures()).as("tries with backoff (0.1 s doubling to 2 s), not at every tick")
                    .isBetween(4, 8);
        });

        outputSchemaRefused.set(false);
        tick(8_000);

        assertThat(scored()).containsExactly("refused-0", "refused-1");
        assertThat(control.holds()).isEmpty();
    }

    @Test
    void aBufferedEntryThatCannotBeRestoredIsDeadLetteredAndTheRestIsScored() {
        openStore();
        byte[] readable = new BufferedLeadSerde().serializer().serialize("changelog", new BufferedLead(
                new io.leadscorer.scorer.batch.SourceRecord("ok".getBytes(StandardCharsets.UTF_8),
                        serializer.serialize(TOPIC, Leads.lead("kept-0", 0, EVENT_TIME)), List.of(), TOPIC, 0, 0, 5), 0));
        List<byte[]> stored = new ArrayList<>();
        stored.add(new byte[] {9, 1, 2, 3}); // a format version this release does not know
        stored.add(readable);
        stored.add(java.util.Arrays.copyOf(readable, readable.length - 3)); // cut short
        for (int i = 0; i < stored.size(); i++) {
            store.put((long) i, BufferedLead.unreadable(stored.get(i), "raw"));
        }

        start(10);
        assertThat(control.buffered()).isEqualTo(3);
        tick(1);

        assertThat(deadLetterReasons()).containsExactly("unrestorable", "unrestorable");
        assertThat(scored()).containsExactly("kept-0");
        assertThat(context.forwarded().get(0).record().value()).isEqualTo(new byte[] {9, 1, 2, 3});
        assertThat(decodes.get()).as("a restored lead is decoded when scored").isEqualTo(1);
    }

    @Test
    void aBatchInFlightIsForwardedInOrderOnlyOnceCollectedAndItsLeadsStayBufferedUntilThen() {
        openStore();
        start(2);
        scorer.holdBatches = true;
        send(Leads.lead("p-0", 0, EVENT_TIME));
        send(Leads.lead("p-1", 1, EVENT_TIME));
        send(Leads.lead("p-2", 2, EVENT_TIME));
        send(Leads.lead("p-3", 3, EVENT_TIME));
        assertThat(scorer.held).hasSize(2);
        assertThat(context.forwarded()).isEmpty();
        assertThat(control.buffered()).isEqualTo(4);
        assertThat(store.approximateNumEntries()).as("leads in flight stay in the changelogged store").isEqualTo(4);

        scorer.finish(1); // the second batch finishes first
        tick(10);
        assertThat(context.forwarded()).as("scores go out in input order").isEmpty();

        scorer.finish(0);
        tick(20);
        assertThat(scored()).containsExactly("p-0", "p-1", "p-2", "p-3");
        assertThat(control.buffered()).isZero();
        assertThat(store.approximateNumEntries()).isZero();
    }

    @Test
    void whenTheModelFailsABatchInFlightTheLaterBatchIsDroppedTooAndBothAreScoredOnceAtTheRetry() {
        openStore();
        start(2);
        scorer.holdBatches = true;
        for (int i = 0; i < 4; i++) {
            send(Leads.lead("q-" + i, i, EVENT_TIME));
        }
        scorer.held.get(0).fail(new ModelUnavailableException("the device was lost"));
        scorer.finish(1);
        tick(10);
        assertThat(context.forwarded()).isEmpty();
        assertThat(control.buffered()).isEqualTo(4);
        assertThat(control.holds().values()).singleElement()
                .satisfies(hold -> assertThat(hold.cause()).isEqualTo(HoldCause.MODEL_UNAVAILABLE));

        scorer.holdBatches = false;
        tick(200);
        assertThat(scored()).containsExactly("q-0", "q-1", "q-2", "q-3");
        assertThat(control.holds()).isEmpty();
        assertThat(control.buffered()).isZero();
    }

    @Test
    void closingATaskWithABatchInFlightForwardsNothingAndLeavesItsLeadsInTheStore() {
        openStore();
        start(2);
        scorer.holdBatches = true;
        send(Leads.lead("c-0", 0, EVENT_TIME));
        send(Leads.lead("c-1", 1, EVENT_TIME));
        processor.close();
        processor = null;
        scorer.finish(0);

        assertThat(context.forwarded()).isEmpty();
        assertThat(store.approximateNumEntries()).isEqualTo(2);
    }

    /**
     * A scorer that fails a given number of calls with a given exception, or on a poison lead, else scores; while
     * {@code holdBatches} is set, a submitted batch stays in flight until the test finishes it.
     */
    private static final class ControllableScorer implements LeadScorer {

        final AtomicInteger calls = new AtomicInteger();
        private Supplier<RuntimeException> failure;
        private int failuresLeft;
        String poison;
        boolean holdBatches;
        final List<PendingScores> held = new ArrayList<>();
        private final List<List<MqlEvent>> heldLeads = new ArrayList<>();

        @Override
        public PendingScores submit(List<MqlEvent> leads) {
            if (!holdBatches) {
                return LeadScorer.super.submit(leads);
            }
            PendingScores pending = new PendingScores();
            held.add(pending);
            heldLeads.add(List.copyOf(leads));
            return pending;
        }

        /** Scores the {@code index}th held batch. */
        void finish(int index) {
            held.get(index).complete(score(heldLeads.get(index)), 1);
        }

        void failWith(Supplier<RuntimeException> failure, int times) {
            this.failure = failure;
            this.failuresLeft = times;
        }

        @Override
        public ScoredBatch score(List<MqlEvent> leads) {
            calls.incrementAndGet();
            if (failuresLeft > 0) {
                failuresLeft--;
                throw failure.get();
            }
            if (poison != null && leads.stream().anyMatch(l -> l.getLeadId().equals(poison))) {
                throw new IllegalArgumentException("cannot score " + poison);
            }
            float[] probabilities = new float[leads.size()];
            java.util.Arrays.fill(probabilities, 0.25f);
            return new ScoredBatch("m", 0.5, probabilities);
        }

        @Override
        public void close() {
        }
    }
}
