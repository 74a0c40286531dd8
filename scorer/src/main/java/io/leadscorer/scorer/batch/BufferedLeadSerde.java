package io.leadscorer.scorer.batch;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Binary form of a {@link BufferedLead} in the buffer store and its changelog. The first byte is a format version so
 * a later release can still restore a buffer written by this one. Reading never throws: an entry that cannot be
 * read (unknown version, corrupt bytes) comes back as an {@linkplain BufferedLead#unreadable unreadable} lead, so a
 * bad changelog entry is dead-lettered when its turn comes instead of failing the task at restore.
 */
public final class BufferedLeadSerde implements Serde<BufferedLead> {

    private static final byte FORMAT_VERSION = 1;
    private static final int ABSENT = -1;

    @Override
    public Serializer<BufferedLead> serializer() {
        return (topic, lead) -> lead == null ? null : write(lead);
    }

    @Override
    public Deserializer<BufferedLead> deserializer() {
        return (topic, bytes) -> bytes == null ? null : read(bytes);
    }

    private static byte[] write(BufferedLead lead) {
        if (!lead.readable()) {
            return lead.source().value(); // the entry as it was read: it stays unreadable, and stays evidence
        }
        SourceRecord source = lead.source();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + length(source.value()) + length(source.key()));
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT_VERSION);
            out.writeLong(lead.bufferedAtMs());
            out.writeUTF(source.topic());
            out.writeInt(source.partition());
            out.writeLong(source.offset());
            out.writeLong(source.timestamp());
            writeBytes(out, source.key());
            writeBytes(out, source.value());
            out.writeInt(source.headers().size());
            for (Header header : source.headers()) {
                out.writeUTF(header.key());
                writeBytes(out, header.value());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static BufferedLead read(byte[] bytes) {
        try {
            return readOrThrow(bytes);
        } catch (SerializationException e) {
            return BufferedLead.unreadable(bytes, e.getMessage());
        } catch (RuntimeException e) {
            return BufferedLead.unreadable(bytes, "Corrupt buffered lead (" + bytes.length + " bytes): " + e);
        }
    }

    private static BufferedLead readOrThrow(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version != FORMAT_VERSION) {
                throw new SerializationException("Unknown buffered lead format version " + version);
            }
            long bufferedAt = in.readLong();
            String topic = in.readUTF();
            int partition = in.readInt();
            long offset = in.readLong();
            long timestamp = in.readLong();
            byte[] key = readBytes(in);
            byte[] value = readBytes(in);
            int headerCount = in.readInt();
            if (headerCount < 0 || headerCount > in.available()) {
                throw new SerializationException("Corrupt buffered lead: " + headerCount + " headers");
            }
            List<Header> headers = new ArrayList<>(headerCount);
            for (int i = 0; i < headerCount; i++) {
                headers.add(new RecordHeader(in.readUTF(), readBytes(in)));
            }
            if (in.available() > 0) {
                throw new SerializationException("Corrupt buffered lead: " + in.available() + " trailing bytes");
            }
            return new BufferedLead(new SourceRecord(key, value, headers, topic, partition, offset, timestamp), bufferedAt);
        } catch (IOException e) {
            throw new SerializationException("Corrupt buffered lead (" + bytes.length + " bytes)", e);
        }
    }

    private static void writeBytes(DataOutputStream out, byte[] value) throws IOException {
        if (value == null) {
            out.writeInt(ABSENT);
        } else {
            out.writeInt(value.length);
            out.write(value);
        }
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length == ABSENT) {
            return null;
        }
        if (length < 0 || length > in.available()) {
            throw new SerializationException("Corrupt buffered lead: a length of " + length + " bytes");
        }
        return in.readNBytes(length);
    }

    private static int length(byte[] value) {
        return value == null ? 0 : value.length;
    }
}
