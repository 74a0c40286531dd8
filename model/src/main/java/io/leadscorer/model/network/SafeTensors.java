package io.leadscorer.model.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Reads and writes the Hugging Face safetensors format: an 8-byte little-endian header length, a JSON header
 * {@code {name: {dtype, shape, data_offsets}}} with an optional {@code __metadata__}, then the raw
 * little-endian tensor bytes. F32, I64 and I32 tensors read as they are; F16 and BF16 (how many checkpoints are
 * published) are widened to F32, the only float type the network computes in.
 *
 * <p>DJL's {@code NDList} SAFETENSORS codec is not used: it keeps data offsets as 32-bit ints (so files over
 * 2 GiB fail), cannot read only some tensors, and names the problem poorly when a file is damaged.
 */
public final class SafeTensors {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String METADATA = "__metadata__";
    private static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;

    private SafeTensors() {}

    /** One tensor's entry in the header. */
    public record Entry(String dtype, Shape shape, long begin, long end) {}

    /** Every tensor in the file, by name, in file order. */
    public static Map<String, NDArray> read(NDManager manager, Path file) {
        return read(manager, file, name -> true);
    }

    /** The tensors whose names {@code select} accepts; the bytes of the others are never read. */
    public static Map<String, NDArray> read(NDManager manager, Path file, Predicate<String> select) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(manager, Source.of(channel, file.toString()), select);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read safetensors file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The same from the file's bytes (e.g. a bundle's verified copy); {@code name} names it in errors. */
    public static Map<String, NDArray> read(NDManager manager, byte[] bytes, String name, Predicate<String> select) {
        try {
            return read(manager, Source.of(bytes, name), select);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read safetensors " + name + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, NDArray> read(NDManager manager, Source source, Predicate<String> select)
            throws IOException {
        Header header = readHeader(source);
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, Entry> e : header.entries.entrySet()) {
            if (select.test(e.getKey())) {
                tensors.put(e.getKey(), readTensor(manager, source, header.dataStart, e.getKey(), e.getValue()));
            }
        }
        return tensors;
    }

    /** The header alone: names, dtypes and shapes, without reading any tensor data. */
    public static Map<String, Entry> entries(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return readHeader(Source.of(channel, file.toString())).entries;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read safetensors file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The header of a safetensors file given as bytes. */
    public static Map<String, Entry> entries(byte[] bytes, String name) {
        try {
            return readHeader(Source.of(bytes, name)).entries;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read safetensors " + name + ": " + e.getMessage(), e);
        }
    }

    /** Positional reads from a file or from bytes in memory. */
    private interface Source {
        String name();

        long size() throws IOException;

        /** Reads {@code length} bytes from {@code position} into the buffer, or fewer at the end; -1 past it. */
        int read(ByteBuffer into, long position) throws IOException;

        static Source of(FileChannel channel, String name) {
            return new Source() {
                public String name() { return name; }
                public long size() throws IOException { return channel.size(); }
                public int read(ByteBuffer into, long position) throws IOException {
                    return channel.read(into, position);
                }
            };
        }

        static Source of(byte[] bytes, String name) {
            return new Source() {
                public String name() { return name; }
                public long size() { return bytes.length; }
                public int read(ByteBuffer into, long position) {
                    if (position >= bytes.length) {
                        return -1;
                    }
                    int n = (int) Math.min(into.remaining(), bytes.length - position);
                    into.put(bytes, (int) position, n);
                    return n;
                }
            };
        }
    }

    /** Writes the tensors (sorted by name) with metadata {@code {"format": "pt"}}, as PyTorch's safetensors does. */
    public static void write(Path file, Map<String, NDArray> tensors) {
        Map<String, NDArray> sorted = new TreeMap<>(tensors);
        ObjectNode header = JSON.createObjectNode();
        header.putObject(METADATA).put("format", "pt");
        List<ByteBuffer> data = new ArrayList<>();
        long offset = 0;
        for (Map.Entry<String, NDArray> e : sorted.entrySet()) {
            NDArray array = e.getValue();
            ByteBuffer bytes = array.toByteBuffer();
            ObjectNode entry = header.putObject(e.getKey());
            entry.put("dtype", dtypeName(e.getKey(), array.getDataType()));
            ArrayNode shape = entry.putArray("shape");
            for (long d : array.getShape().getShape()) {
                shape.add(d);
            }
            entry.putArray("data_offsets").add(offset).add(offset + bytes.remaining());
            offset += bytes.remaining();
            data.add(bytes);
        }
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer prefix = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        prefix.putLong(padded).put(json);
        while (prefix.hasRemaining()) {
            prefix.put((byte) ' ');
        }
        prefix.flip();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            writeFully(channel, prefix);
            for (ByteBuffer bytes : data) {
                writeFully(channel, bytes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write safetensors file " + file, e);
        }
    }

    private record Header(Map<String, Entry> entries, long dataStart) {}

    private static Header readHeader(Source channel) throws IOException {
        String file = channel.name();
        long size = channel.size();
        if (size < 8) {
            throw malformed(file, "file is " + size + " bytes, shorter than the 8-byte header length");
        }
        ByteBuffer lengthBytes = readFully(channel, 0, 8, file);
        long headerLength = lengthBytes.order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (headerLength <= 0 || headerLength > MAX_HEADER_BYTES || 8 + headerLength > size) {
            throw malformed(file, "header length " + headerLength + " does not fit a file of " + size + " bytes");
        }
        ByteBuffer headerBytes = readFully(channel, 8, (int) headerLength, file);
        JsonNode root;
        try {
            root = JSON.readTree(StandardCharsets.UTF_8.decode(headerBytes).toString());
        } catch (IOException e) {
            throw malformed(file, "header is not JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw malformed(file, "header is not a JSON object");
        }
        long dataStart = 8 + headerLength;
        long dataLength = size - dataStart;
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!METADATA.equals(field.getKey())) {
                entries.put(field.getKey(), entry(file, field.getKey(), field.getValue(), dataLength));
            }
        }
        return new Header(entries, dataStart);
    }

    private static Entry entry(String file, String name, JsonNode node, long dataLength) {
        JsonNode dtype = node.get("dtype");
        JsonNode shape = node.get("shape");
        JsonNode offsets = node.get("data_offsets");
        if (dtype == null || !dtype.isTextual() || shape == null || !shape.isArray() || offsets == null
                || !offsets.isArray() || offsets.size() != 2) {
            throw malformed(file, "tensor '" + name + "' needs dtype, shape and two data_offsets: " + node);
        }
        long[] dims = JSON.convertValue(shape, new TypeReference<long[]>() {});
        long begin = offsets.get(0).asLong(-1);
        long end = offsets.get(1).asLong(-1);
        Shape tensorShape = new Shape(dims);
        long expected = tensorShape.size() * bytesPerElement(file, name, dtype.asText());
        if (begin < 0 || end < begin || end > dataLength) {
            throw malformed(file, "tensor '" + name + "' data_offsets [" + begin + ", " + end
                    + "] lie outside the " + dataLength + " data bytes");
        }
        if (end - begin != expected) {
            throw malformed(file, "tensor '" + name + "' " + dtype.asText() + " " + tensorShape + " needs " + expected
                    + " bytes but data_offsets give " + (end - begin));
        }
        return new Entry(dtype.asText(), tensorShape, begin, end);
    }

    private static NDArray readTensor(NDManager manager, Source channel, long dataStart, String name, Entry entry)
            throws IOException {
        String file = channel.name();
        long length = entry.end() - entry.begin();
        if (length > Integer.MAX_VALUE) {
            throw malformed(file, "tensor '" + name + "' is " + length + " bytes, more than one buffer holds");
        }
        ByteBuffer bytes = readFully(channel, dataStart + entry.begin(), (int) length, file);
        DataType stored = dataType(entry.dtype());
        if (stored == DataType.BFLOAT16) {
            bytes = widenBfloat16(bytes);
            stored = DataType.FLOAT32;
        }
        NDArray array = manager.create(bytes, entry.shape(), stored);
        if (stored == DataType.FLOAT16) {
            NDArray widened = array.toType(DataType.FLOAT32, false);
            array.close();
            array = widened;
        }
        array.setName(name);
        return array;
    }

    private static ByteBuffer readFully(Source channel, long position, int length, String file) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(length).order(ByteOrder.nativeOrder());
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, position + buffer.position());
            if (read < 0) {
                throw malformed(file, "file ends before byte " + (position + length));
            }
        }
        return buffer.flip();
    }

    /**
     * bfloat16 is the upper half of a float32, so widening is exact: shift the 16 bits up. Done here because
     * DJL 0.36's PyTorch engine aborts the JVM when asked to create a BFLOAT16 array from a buffer.
     */
    private static ByteBuffer widenBfloat16(ByteBuffer halves) {
        ByteBuffer in = halves.order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer out = ByteBuffer.allocateDirect(in.remaining() * 2).order(ByteOrder.nativeOrder());
        while (in.hasRemaining()) {
            out.putInt((in.getShort() & 0xFFFF) << 16);
        }
        return out.flip();
    }

    private static void writeFully(FileChannel channel, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    private static int bytesPerElement(String file, String name, String dtype) {
        return switch (dtype) {
            case "F32", "I32" -> 4;
            case "F16", "BF16" -> 2;
            case "I64" -> 8;
            default -> throw malformed(file, "tensor '" + name + "' has dtype " + dtype
                    + "; supported: F32, F16, BF16, I64, I32");
        };
    }

    private static DataType dataType(String dtype) {
        return switch (dtype) {
            case "F32" -> DataType.FLOAT32;
            case "F16" -> DataType.FLOAT16;
            case "BF16" -> DataType.BFLOAT16;
            case "I64" -> DataType.INT64;
            case "I32" -> DataType.INT32;
            default -> throw new IllegalArgumentException("unsupported dtype " + dtype);
        };
    }

    private static String dtypeName(String name, DataType type) {
        return switch (type) {
            case FLOAT32 -> "F32";
            case FLOAT16 -> "F16";
            case BFLOAT16 -> "BF16";
            case INT64 -> "I64";
            case INT32 -> "I32";
            default -> throw new IllegalArgumentException("tensor '" + name + "' has type " + type
                    + "; safetensors writing supports float32, float16, bfloat16, int64, int32");
        };
    }

    private static IllegalArgumentException malformed(String file, String problem) {
        return new IllegalArgumentException("malformed safetensors file " + file + ": " + problem);
    }
}
