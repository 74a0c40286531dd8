package io.leadscorer.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadscorer.avro.MqlEvent;
import io.leadscorer.schemas.registry.InMemorySchemaRegistry;
import io.leadscorer.embedded.EmbeddedKafkaCluster;
import io.leadscorer.embedded.HttpSchemaRegistryServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Events through a real broker, with the serde instantiated by Kafka from class names as in production configs. */
class AvroWireSerdeIntegrationTest {

    @Test
    void eventsTravelThroughKafkaInTheWireFormat() {
        try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.start();
             HttpSchemaRegistryServer registry = HttpSchemaRegistryServer.start()) {
            kafka.createTopic("mql.events", 2);
            List<MqlEvent> sent = new ArrayList<>();
            try (KafkaProducer<String, MqlEvent> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroWireSerializer.class.getName(),
                    "schema.registry.url", registry.url()))) {
                for (int i = 0; i < 10; i++) {
                    MqlEvent event = MqlEvent.newBuilder(TestRecords.mqlEvent()).setLeadId("lead-" + i).build();
                    producer.send(new ProducerRecord<>("mql.events", event.getLeadId(), event));
                    sent.add(event);
                }
            }

            List<ConsumerRecord<String, MqlEvent>> received = new ArrayList<>();
            try (KafkaConsumer<String, MqlEvent> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "serde-test",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroWireDeserializer.class.getName(),
                    "schema.registry.url", registry.url(),
                    "specific.avro.value.type", MqlEvent.class.getName()))) {
                consumer.subscribe(List.of("mql.events"));
                while (received.size() < sent.size()) {
                    consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                }
            }

            assertThat(received).extracting(ConsumerRecord::value).containsExactlyInAnyOrderElementsOf(sent);
            assertThat(received).allSatisfy(r -> assertThat(r.key()).isEqualTo(r.value().getLeadId()));
            assertThat(registry.registry().versions("mql.events-value")).containsExactly(MqlEvent.getClassSchema());
        }
    }

    @Test
    void mockRegistryScopeIsSharedByProducerAndConsumerSerdes() {
        Map<String, Object> config = Map.of("schema.registry.url", "mock://integration");
        byte[] bytes = AvroWireSerde.of(MqlEvent.class, config, false).serializer().serialize("mql.events", TestRecords.mqlEvent());
        assertThat(AvroWireSerde.of(MqlEvent.class, config, false).deserializer().deserialize("mql.events", bytes))
                .isEqualTo(TestRecords.mqlEvent());
        InMemorySchemaRegistry.dropScope("integration");
    }
}
