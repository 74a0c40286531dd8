package io.leadscorer.monitor.label;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The binary form of a {@link LeadState} in the monitor's store and its changelog: a format byte, the event time,
 * the label and its time, then each score as model id, probability and threshold. About 20 bytes plus 40 per score.
 */
public final class LeadStateSerde implements Serde<LeadState>, Serializer<LeadState>, Deserializer<LeadState> {

    private static final byte FORMAT = 1;

    @Override
    public byte[] serialize(String topic, LeadState state) {
        if (state == null) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(24 + 40 * state.scores().size());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeLong(state.eventTime());
            out.writeByte(state.label().ordinal());
            out.writeLong(state.labelTime());
            out.writeShort(state.scores().size());
            for (ModelScore score : state.scores()) {
                out.writeUTF(score.modelId());
                out.writeDouble(score.probability());
                out.writeDouble(score.threshold());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @Override
    public LeadState deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            byte format = in.readByte();
            if (format != FORMAT) {
                throw new SerializationException("lead state in format " + format + "; this build reads " + FORMAT);
            }
            long eventTime = in.readLong();
            Label label = Label.values()[in.readByte()];
            long labelTime = in.readLong();
            int count = in.readShort();
            List<ModelScore> scores = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                scores.add(new ModelScore(in.readUTF(), in.readDouble(), in.readDouble()));
            }
            return new LeadState(eventTime, scores, label, labelTime);
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            throw new SerializationException("unreadable lead state: " + e, e);
        }
    }

    @Override
    public Serializer<LeadState> serializer() {
        return this;
    }

    @Override
    public Deserializer<LeadState> deserializer() {
        return this;
    }

    @Override
    public void close() {
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
    }
}
