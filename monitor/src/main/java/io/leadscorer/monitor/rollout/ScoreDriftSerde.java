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

/** The binary form of a {@link ScoreDrift} on the rollout's repartition topic and in its store. */
public final class ScoreDriftSerde implements Serde<ScoreDrift>, Serializer<ScoreDrift>, Deserializer<ScoreDrift> {

    private static final byte FORMAT = 1;

    @Override
    public byte[] serialize(String topic, ScoreDrift drift) {
        if (drift == null) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(48);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeUTF(drift.modelId());
            out.writeLong(drift.scored());
            out.writeDouble(drift.psi());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @Override
    public ScoreDrift deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            byte format = in.readByte();
            if (format != FORMAT) {
                throw new SerializationException("score drift in format " + format + "; this build reads " + FORMAT);
            }
            return new ScoreDrift(in.readUTF(), in.readLong(), in.readDouble());
        } catch (IOException e) {
            throw new SerializationException("unreadable score drift: " + e, e);
        }
    }

    @Override
    public Serializer<ScoreDrift> serializer() {
        return this;
    }

    @Override
    public Deserializer<ScoreDrift> deserializer() {
        return this;
    }

    @Override
    public void close() {
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
    }
}
