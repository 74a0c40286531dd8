package io.leadscorer.monitor.quality;

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

/** The binary form of a {@link ModelFact} on the monitor's internal repartition topic: a kind byte, then its fields. */
public final class ModelFactSerde implements Serde<ModelFact>, Serializer<ModelFact>, Deserializer<ModelFact> {

    private static final byte OBSERVATION = 1;
    private static final byte SCORE = 2;
    private static final byte INPUTS = 3;

    @Override
    public byte[] serialize(String topic, ModelFact fact) {
        if (fact == null) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            if (fact instanceof Observation o) {
                out.writeByte(OBSERVATION);
                out.writeUTF(o.modelId());
                out.writeDouble(o.probability());
                out.writeDouble(o.threshold());
                out.writeBoolean(o.converted());
                out.writeLong(o.time());
                out.writeByte(o.weight());
            } else if (fact instanceof ScoreFact s) {
                out.writeByte(SCORE);
                out.writeUTF(s.modelId());
                out.writeDouble(s.probability());
                out.writeLong(s.time());
            } else if (fact instanceof InputFact i) {
                out.writeByte(INPUTS);
                out.writeUTF(i.modelId());
                out.writeLong(i.time());
                out.writeShort(i.bins().length);
                for (int bin : i.bins()) {
                    out.writeShort(bin);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @Override
    public ModelFact deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            byte kind = in.readByte();
            return switch (kind) {
                case OBSERVATION -> new Observation(in.readUTF(), in.readDouble(), in.readDouble(), in.readBoolean(),
                        in.readLong(), in.readByte());
                case SCORE -> new ScoreFact(in.readUTF(), in.readDouble(), in.readLong());
                case INPUTS -> {
                    String model = in.readUTF();
                    long time = in.readLong();
                    int[] bins = new int[in.readShort()];
                    for (int c = 0; c < bins.length; c++) {
                        bins[c] = in.readShort();
                    }
                    yield new InputFact(model, time, bins);
                }
                default -> throw new SerializationException("unknown model fact kind " + kind);
            };
        } catch (IOException e) {
            throw new SerializationException("unreadable model fact: " + e, e);
        }
    }

    @Override
    public Serializer<ModelFact> serializer() {
        return this;
    }

    @Override
    public Deserializer<ModelFact> deserializer() {
        return this;
    }

    @Override
    public void close() {
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
    }
}
