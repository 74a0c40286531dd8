package io.leadscorer.simulator.produce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.leadscorer.avro.MqlEvent;
import io.leadscorer.schemas.registry.InMemorySchemaRegistry;
import io.leadscorer.schemas.serde.AvroWireSerializer;
import io.leadscorer.simulator.world.MqlWorld;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class EventProducerTest {

    @Test
    void sendsTheSampleKeyedByLeadIdAtTheRate() throws Exception {
        AvroWireSerializer<MqlEvent> values = new AvroWireSerializer<>(InMemorySchemaRegistry.forScope("event-producer-test"));
        MockProducer<String, MqlEvent> producer = new MockProducer<>(true, new StringSerializer(), values);
        PacerTest.FakeClock clock = new PacerTest.FakeClock();
        List<EventProducer.Progress> reports = new ArrayList<>();
        List<String> acknowledged = new ArrayList<>();

        ProduceSummary summary = new EventProducer(producer, clock)
                .run(MqlWorld.create(3), new EventProducer.Plan("mql.events", 20, 10, false, 500_000_000L), reports::add,
                        (lead, eventTime) -> {
                            assertThat(eventTime).isEqualTo(lead.eventTime());
                            acknowledged.add(lead.leadId());
                        });

        MqlWorld world = MqlWorld.create(3);
        List<ProducerRecord<String, MqlEvent>> sent = producer.history();
        assertThat(sent).hasSize(20);
        for (int i = 0; i < 20; i++) {
            assertThat(sent.get(i).topic()).isEqualTo("mql.events");
            assertThat(sent.get(i).key()).isEqualTo("lead-3-" + i);
            assertThat(sent.get(i).value()).isEqualTo(world.lead(i).event());
        }
        assertThat(summary.sent()).isEqualTo(20);
        assertThat(summary.failed()).isZero();
        assertThat(summary.seconds()).isCloseTo(1.9, within(1e-9));
        assertThat(summary.rate()).isCloseTo(20 / 1.9, within(1e-9));
        assertThat(summary.targetRate()).isEqualTo(10);
        assertThat(summary.firstError()).isNull();
        assertThat(summary.outcomes()).isNull();
        assertThat(acknowledged).containsExactlyElementsOf(sent.stream().map(ProducerRecord::key).toList());
        assertThat(reports).hasSize(4);
        assertThat(reports.get(reports.size() - 1).sent()).isEqualTo(20);
    }

    @Test
    void countsEventsThatCannotBeSerialised() throws Exception {
        Serializer<MqlEvent> failingOnSevens = (topic, event) -> {
            if (event.getLeadId().endsWith("7")) {
                throw new SerializationException("cannot serialise " + event.getLeadId());
            }
            return new byte[] {0};
        };
        MockProducer<String, MqlEvent> producer = new MockProducer<>(true, new StringSerializer(), failingOnSevens);
        List<String> acknowledged = new ArrayList<>();

        ProduceSummary summary = new EventProducer(producer, new PacerTest.FakeClock())
                .run(MqlWorld.create(3), new EventProducer.Plan("mql.events", 50, 0, true, 0), progress -> { },
                        (lead, eventTime) -> acknowledged.add(lead.leadId()));

        assertThat(summary.sent()).isEqualTo(45);
        assertThat(summary.failed()).isEqualTo(5);
        assertThat(summary.firstError()).contains("cannot serialise lead-3-7");
        assertThat(summary.targetRate()).isZero();
        assertThat(acknowledged).hasSize(45).noneMatch(leadId -> leadId.endsWith("7"));
    }
}
