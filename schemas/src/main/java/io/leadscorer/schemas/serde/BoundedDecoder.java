package io.leadscorer.schemas.serde;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.Decoder;
import org.apache.avro.util.Utf8;

/**
 * An Avro binary decoder over one in-memory payload whose work is bounded by the payload's size. Avro's own
 * decoder allocates first and fails later, so one garbage length prefix would cost up to 2 GB of heap; and
 * a block count of zero-byte items (nulls, empty records, zero-length fixed) makes a reader, or the skipper
 * of a writer field the reader does not know, loop a billion times over a few bytes. Here every string,
 * bytes and fixed length must fit in the bytes left, and the items of all arrays and maps of one payload,
 * read or skipped, together may not outnumber its bytes: a payload of N bytes costs O(N) work.
 */
final class BoundedDecoder extends Decoder {

    private final BinaryDecoder in;
    private long itemBudget;

    BoundedDecoder(BinaryDecoder in) {
        this.in = in;
        try {
            this.itemBudget = remaining();
        } catch (IOException e) {
            throw new AvroRuntimeException(e);
        }
    }

    /** Bytes of the payload not yet consumed. */
    int remaining() throws IOException {
        return in.inputStream().available();
    }

    private int length(long length, String what) throws IOException {
        if (length < 0) {
            throw new AvroRuntimeException("Malformed data. Length is negative: " + length);
        }
        int left = remaining();
        if (length > left) {
            throw new EOFException(what + " length " + length + " exceeds the " + left + " bytes left");
        }
        return (int) length;
    }

    /** Charges a block of {@code items} to the payload's item budget. */
    private long count(long items, String what) throws IOException {
        if (items < 0) {
            throw new AvroRuntimeException("Malformed data: " + what + " block count " + items + " after decoding");
        }
        if (items > itemBudget) {
            throw new EOFException(what + " block of " + items + " items exceeds the payload's budget of "
                    + itemBudget + " more items (one per byte)");
        }
        itemBudget -= items;
        return items;
    }

    /**
     * Skips the blocks of an array or map that carry their byte size, and returns the item count of the next
     * block that does not (the caller skips those items one by one), or 0 at the end.
     */
    private long skipBlocks(String what) throws IOException {
        while (true) {
            long items = in.readLong();
            if (items == 0) {
                return 0;
            }
            if (items > 0) {
                return count(items, what);
            }
            in.skipFixed(length(in.readLong(), what + " block"));
        }
    }

    @Override
    public String readString() throws IOException {
        byte[] bytes = new byte[length(in.readLong(), "string")];
        in.readFixed(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public Utf8 readString(Utf8 old) throws IOException {
        int length = length(in.readLong(), "string");
        Utf8 result = old != null ? old : new Utf8();
        result.setByteLength(length);
        in.readFixed(result.getBytes(), 0, length);
        return result;
    }

    @Override
    public ByteBuffer readBytes(ByteBuffer old) throws IOException {
        byte[] bytes = new byte[length(in.readLong(), "bytes")];
        in.readFixed(bytes);
        return ByteBuffer.wrap(bytes);
    }

    @Override
    public long readArrayStart() throws IOException {
        return count(in.readArrayStart(), "array");
    }

    @Override
    public long arrayNext() throws IOException {
        return count(in.arrayNext(), "array");
    }

    @Override
    public long readMapStart() throws IOException {
        return count(in.readMapStart(), "map");
    }

    @Override
    public long mapNext() throws IOException {
        return count(in.mapNext(), "map");
    }

    @Override
    public void readNull() throws IOException {
        in.readNull();
    }

    @Override
    public boolean readBoolean() throws IOException {
        return in.readBoolean();
    }

    @Override
    public int readInt() throws IOException {
        return in.readInt();
    }

    @Override
    public long readLong() throws IOException {
        return in.readLong();
    }

    @Override
    public float readFloat() throws IOException {
        return in.readFloat();
    }

    @Override
    public double readDouble() throws IOException {
        return in.readDouble();
    }

    @Override
    public void skipString() throws IOException {
        in.skipFixed(length(in.readLong(), "string"));
    }

    @Override
    public void skipBytes() throws IOException {
        in.skipFixed(length(in.readLong(), "bytes"));
    }

    @Override
    public void readFixed(byte[] bytes, int start, int length) throws IOException {
        in.readFixed(bytes, start, length(length, "fixed"));
    }

    @Override
    public void skipFixed(int length) throws IOException {
        in.skipFixed(length(length, "fixed"));
    }

    @Override
    public int readEnum() throws IOException {
        return in.readEnum();
    }

    @Override
    public long skipArray() throws IOException {
        return skipBlocks("array");
    }

    @Override
    public long skipMap() throws IOException {
        return skipBlocks("map");
    }

    @Override
    public int readIndex() throws IOException {
        return in.readIndex();
    }
}
