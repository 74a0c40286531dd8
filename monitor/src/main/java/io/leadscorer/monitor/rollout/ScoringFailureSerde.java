package io.leadscorer.monitor.rollout;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** The binary form of a {@link ScoringFailure} on the rollout's repartition topic. */
public final class ScoringFailureSerde implements Serde<ScoringFailure>, Serializer<ScoringFailure>,
        Deserializer<ScoringFailure> {

    private static final byte FORMAT = 1;

    @Override
    public byte[] serialize(String topic, ScoringFailure failure) {
        if (failure == null) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeUTF(failure.modelId());
            out.writeUTF(failure.input());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @Override
    public ScoringFailure deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            byte format = in.readByte();
            if (format != FORMAT) {
                throw new SerializationException("scoring failure in format " + format + "; this build reads " + FORMAT);
            }
            return new ScoringFailure(in.readUTF(), in.readUTF());
        } catch (IOException e) {
            throw new SerializationException("unreadable scoring failure: " + e, e);
        }
    }

    @Override
    public Serializer<ScoringFailure> serializer() {
        return this;
    }

    @Override
    public Deserializer<ScoringFailure> deserializer() {
        return this;
    }

    @Override
    public void close() {
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
    }
}
