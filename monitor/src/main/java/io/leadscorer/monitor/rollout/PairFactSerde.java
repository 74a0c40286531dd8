package io.leadscorer.monitor.rollout;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The binary form of a {@link PairFact} on the rollout's repartition topic and in its store: a format byte, the lead
 * id, the label, then each model id with its probability.
 */
public final class PairFactSerde implements Serde<PairFact>, Serializer<PairFact>, Deserializer<PairFact> {

    private static final byte FORMAT = 1;

    @Override
    public byte[] serialize(String topic, PairFact pair) {
        if (pair == null) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 + 32 * pair.probabilities().size());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeUTF(pair.leadId());
            out.writeBoolean(pair.converted());
            out.writeShort(pair.probabilities().size());
            for (Map.Entry<String, Double> score : pair.probabilities().entrySet()) {
                out.writeUTF(score.getKey());
                out.writeDouble(score.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @Override
    public PairFact deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            byte format = in.readByte();
            if (format != FORMAT) {
                throw new SerializationException("pair fact in format " + format + "; this build reads " + FORMAT);
            }
            String leadId = in.readUTF();
            boolean converted = in.readBoolean();
            int count = in.readShort();
            Map<String, Double> probabilities = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                probabilities.put(in.readUTF(), in.readDouble());
            }
            return new PairFact(leadId, converted, probabilities);
        } catch (IOException e) {
            throw new SerializationException("unreadable pair fact: " + e, e);
        }
    }

    @Override
    public Serializer<PairFact> serializer() {
        return this;
    }

    @Override
    public Deserializer<PairFact> deserializer() {
        return this;
    }

    @Override
    public void close() {
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
    }
}
