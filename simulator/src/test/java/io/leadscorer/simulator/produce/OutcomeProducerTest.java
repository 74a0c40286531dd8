package io.leadscorer.simulator.produce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadscorer.avro.LeadOutcome;
import io.leadscorer.schemas.registry.InMemorySchemaRegistry;
import io.leadscorer.schemas.serde.AvroWireSerializer;
import io.leadscorer.simulator.world.MqlWorld;
import io.leadscorer.simulator.world.SimulatedLead;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class OutcomeProducerTest {

    private static final String TOPIC = "mql.outcomes";
    private static final Instant SENT_AT = Instant.parse("2026-01-05T09:00:00Z");
    private static final List<SimulatedLead> LEADS = OutcomeDrawTest.leads(MqlWorld.create(5), 40);

    /** A clock that stands still until the test moves it. */
    static final class ManualClock implements LongSupplier {
        final AtomicLong now = new AtomicLong(5_000_000_000L);

        @Override
        public long getAsLong() {
            return now.get();
        }
    }

    @Test
    void sendsEachOutcomeOnceDueInTheOrderTheyFallDue() {
        MockProducer<String, LeadOutcome> producer = mockProducer();
        ManualClock clock = new ManualClock();
        OutcomeDraw draw = new OutcomeDraw(3, Duration.ofSeconds(2), Duration.ofSeconds(1), 1.0, false);
        OutcomeProducer outcomes = new OutcomeProducer(producer, TOPIC, draw, clock);

        LEADS.forEach(lead -> outcomes.schedule(lead, SENT_AT));
        assertThat(producer.history()).as("nothing is due before the minimum delay").isEmpty();
        assertThat(outcomes.pending()).isEqualTo(LEADS.size());
        clock.now.addAndGet(Duration.ofHours(1).toNanos());
        outcomes.close();

        List<ProducerRecord<String, LeadOutcome>> sent = producer.history();
        assertThat(sent).hasSize(LEADS.size());
        assertThat(sent).isSortedAccordingTo(Comparator.comparing(record -> record.value().getOutcomeTime()));
        for (ProducerRecord<String, LeadOutcome> record : sent) {
            SimulatedLead lead = LEADS.get((int) Long.parseLong(record.key().substring(record.key().lastIndexOf('-') + 1)));
            LeadOutcome outcome = record.value();
            assertThat(record.topic()).isEqualTo(TOPIC);
            assertThat(outcome.getLeadId()).isEqualTo(lead.leadId());
            assertThat(outcome.getConverted()).isEqualTo(lead.converted());
            assertThat(outcome.getOutcomeTime()).isEqualTo(SENT_AT.plus(draw.draw(lead).orElseThrow().delay()));
            assertThat(outcome.getSource()).isEqualTo("simulator");
            assertThat(outcome.getStage()).isEqualTo(lead.converted() ? "Closed Won" : "Closed Lost");
        }
        OutcomeCounts counts = outcomes.counts();
        long converted = LEADS.stream().filter(SimulatedLead::converted).count();
        assertThat(counts.converted()).isEqualTo(converted);
        assertThat(counts.notConverted()).isEqualTo(LEADS.size() - converted);
        assertThat(counts.failed()).isZero();
        assertThat(counts.sentEarly()).isZero();
        assertThat(counts.topic()).isEqualTo(TOPIC);
        assertThat(outcomes.pending()).isZero();
    }

    @Test
    void sendsOutcomesAsTheyFallDueWithoutWaitingForClose() throws Exception {
        MockProducer<String, LeadOutcome> producer = mockProducer();
        OutcomeProducer outcomes = new OutcomeProducer(producer, TOPIC,
                new OutcomeDraw(3, Duration.ofMillis(5), Duration.ZERO, 1.0, false));

        LEADS.forEach(lead -> outcomes.schedule(lead, Instant.now()));
        // bounded only so that a producer that never sends fails the test instead of hanging the build
        for (int poll = 0; poll < 600 && producer.history().size() < LEADS.size(); poll++) {
            Thread.sleep(50);
        }

        assertThat(producer.history()).hasSize(LEADS.size());
        outcomes.close();
        assertThat(outcomes.counts().converted() + outcomes.counts().notConverted()).isEqualTo(LEADS.size());
    }

    @Test
    void closeWaitsForEveryPendingOutcomeAndNeverSendsOneBeforeItsDelay() {
        Map<String, Long> sentAtNanos = new ConcurrentHashMap<>();
        MockProducer<String, LeadOutcome> producer = new MockProducer<>(true, new StringSerializer(), serializer()) {
            @Override
            public synchronized Future<RecordMetadata> send(ProducerRecord<String, LeadOutcome> record, Callback callback) {
                sentAtNanos.put(record.key(), System.nanoTime());
                return super.send(record, callback);
            }
        };
        OutcomeDraw draw = new OutcomeDraw(4, Duration.ofMillis(50), Duration.ofMillis(200), 1.0, false);
        OutcomeProducer outcomes = new OutcomeProducer(producer, TOPIC, draw);

        long scheduledFrom = System.nanoTime();
        LEADS.forEach(lead -> outcomes.schedule(lead, Instant.now()));
        outcomes.close(Duration.ofMinutes(5));

        assertThat(producer.history()).hasSize(LEADS.size());
        for (SimulatedLead lead : LEADS) {
            long delayNanos = draw.draw(lead).orElseThrow().delay().toNanos();
            assertThat(sentAtNanos.get(lead.leadId()) - scheduledFrom).isGreaterThanOrEqualTo(delayNanos);
        }
        assertThat(outcomes.counts().sentEarly()).isZero();
        assertThat(outcomes.counts().converted() + outcomes.counts().notConverted()).isEqualTo(LEADS.size());
    }

    @Test
    void closeWithoutTimeToWaitSendsWhatIsPendingAtOnceAndCountsIt() {
        MockProducer<String, LeadOutcome> producer = mockProducer();
        OutcomeProducer outcomes = new OutcomeProducer(producer, TOPIC,
                new OutcomeDraw(3, Duration.ofHours(1), Duration.ofHours(1), 1.0, false), new ManualClock());

        LEADS.forEach(lead -> outcomes.schedule(lead, SENT_AT));
        outcomes.close(Duration.ZERO);

        assertThat(producer.history()).hasSize(LEADS.size())
                .isSortedAccordingTo(Comparator.comparing(record -> record.value().getOutcomeTime()));
        assertThat(producer.history())
                .allMatch(record -> !record.value().getOutcomeTime().isBefore(SENT_AT.plus(Duration.ofHours(1))));
        assertThat(outcomes.counts().sentEarly()).isEqualTo(LEADS.size());
        assertThatThrownBy(() -> outcomes.schedule(LEADS.get(0), SENT_AT)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void winsOnlySendsNoNegatives() {
        MockProducer<String, LeadOutcome> producer = mockProducer();
        ManualClock clock = new ManualClock();
        OutcomeProducer outcomes = new OutcomeProducer(producer, TOPIC,
                new OutcomeDraw(3, Duration.ofSeconds(2), Duration.ZERO, 1.0, true), clock);

        LEADS.forEach(lead -> outcomes.schedule(lead, SENT_AT));
        clock.now.addAndGet(Duration.ofHours(1).toNanos());
        outcomes.close();

        List<String> converted = LEADS.stream().filter(SimulatedLead::converted).map(SimulatedLead::leadId).toList();
        assertThat(converted).isNotEmpty();
        assertThat(producer.history()).extracting(ProducerRecord::key).containsExactlyInAnyOrderElementsOf(converted);
        assertThat(producer.history()).allMatch(record -> record.value().getConverted()
                && record.value().getStage().equals("Closed Won"));
        assertThat(outcomes.counts().notConverted()).isZero();
    }

    @Test
    void countsOutcomesThatCannotBeSerialised() {
        Serializer<LeadOutcome> failingOnSevens = (topic, outcome) -> {
            if (outcome.getLeadId().endsWith("7")) {
                throw new SerializationException("cannot serialise " + outcome.getLeadId());
            }
            return new byte[] {0};
        };
        MockProducer<String, LeadOutcome> producer = new MockProducer<>(true, new StringSerializer(), failingOnSevens);
        ManualClock clock = new ManualClock();
        OutcomeProducer outcomes = new OutcomeProducer(producer, TOPIC,
                new OutcomeDraw(3, Duration.ofSeconds(2), Duration.ZERO, 1.0, false), clock);

        LEADS.forEach(lead -> outcomes.schedule(lead, SENT_AT));
        clock.now.addAndGet(Duration.ofHours(1).toNanos());
        outcomes.close();

        OutcomeCounts counts = outcomes.counts();
        assertThat(counts.failed()).isEqualTo(4);
        assertThat(counts.converted() + counts.notConverted()).isEqualTo(LEADS.size() - 4);
        assertThat(counts.firstError()).contains("cannot serialise lead-5-");
    }

    private static MockProducer<String, LeadOutcome> mockProducer() {
        return new MockProducer<>(true, new StringSerializer(), serializer());
    }

    private static AvroWireSerializer<LeadOutcome> serializer() {
        return new AvroWireSerializer<>(InMemorySchemaRegistry.forScope("outcome-producer-test"));
    }
}
