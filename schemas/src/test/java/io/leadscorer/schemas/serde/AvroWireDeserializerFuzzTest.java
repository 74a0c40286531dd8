package io.leadscorer.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadscorer.avro.MqlEvent;
import io.leadscorer.schemas.registry.InMemorySchemaRegistry;
import java.util.Arrays;
import java.util.Random;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/**
 * Seeded random corruption of valid events (byte flips, cuts, random tails, random payloads): the
 * deserializer must either return a record or throw exactly a SerializationException, never anything else.
 */
class AvroWireDeserializerFuzzTest {

    @Test
    void corruptedInputOnlyEverGivesARecordOrASerializationException() {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        byte[] valid = new AvroWireSerializer<MqlEvent>(registry).serialize("mql.events", TestRecords.mqlEvent());
        AvroWireDeserializer<MqlEvent> deserializer = new AvroWireDeserializer<>(MqlEvent.class, registry);
        Random random = new Random(20261125);
        int decoded = 0;
        int rejected = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] input = corrupt(valid, random);
            try {
                assertThat(deserializer.deserialize("mql.events", input)).isNotNull();
                decoded++;
            } catch (SerializationException expected) {
                assertThat(expected.getMessage()).isNotBlank().doesNotContain("NullPointerException");
                rejected++;
            }
        }
        assertThat(decoded + rejected).isEqualTo(20_000);
        assertThat(rejected).isGreaterThan(10_000);
    }

    private static byte[] corrupt(byte[] valid, Random random) {
        byte[] input = valid.clone();
        switch (random.nextInt(4)) {
            case 0 -> {
                for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                    int at = 5 + random.nextInt(input.length - 5);
                    input[at] = (byte) random.nextInt(256);
                }
            }
            case 1 -> input = Arrays.copyOf(input, random.nextInt(input.length));
            case 2 -> {
                input = Arrays.copyOf(input, input.length + 1 + random.nextInt(8));
                for (int at = valid.length; at < input.length; at++) {
                    input[at] = (byte) random.nextInt(256);
                }
            }
            default -> {
                input = new byte[5 + random.nextInt(64)];
                random.nextBytes(input);
                input[0] = 0;
                input[1] = 0;
                input[2] = 0;
                input[3] = 0;
                input[4] = 1;
            }
        }
        return input;
    }
}
