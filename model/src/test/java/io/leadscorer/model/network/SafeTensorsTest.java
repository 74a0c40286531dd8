package io.leadscorer.model.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsTest {

    @TempDir
    Path dir;

    @Test
    void readsAFileWrittenByteByByte() throws IOException {
        // F32 [2] = {1.5, -2}, F16 [2] = {1.5, -2} (0x3E00, 0xC000), BF16 [1] = 3.140625 (0x4049),
        // I64 [2] = {7, -1}, I32 [1] = {42}; tensors deliberately not in file order in the header.
        String header = "{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"half\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[8,12]},"
                + "\"single\":{\"dtype\":\"F32\",\"shape\":[2,1],\"data_offsets\":[0,8]},"
                + "\"brain\":{\"dtype\":\"BF16\",\"shape\":[1],\"data_offsets\":[12,14]},"
                + "\"long\":{\"dtype\":\"I64\",\"shape\":[2],\"data_offsets\":[14,30]},"
                + "\"int\":{\"dtype\":\"I32\",\"shape\":[],\"data_offsets\":[30,34]}}";
        byte[] json = header.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer file = ByteBuffer.allocate(8 + json.length + 34).order(ByteOrder.LITTLE_ENDIAN);
        file.putLong(json.length).put(json);
        file.putFloat(1.5f).putFloat(-2f);
        file.putShort((short) 0x3E00).putShort((short) 0xC000);
        file.putShort((short) 0x4049);
        file.putLong(7).putLong(-1);
        file.putInt(42);
        Path path = dir.resolve("golden.safetensors");
        Files.write(path, file.array());

        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, NDArray> tensors = SafeTensors.read(manager, path);
            assertThat(tensors.keySet()).containsExactly("half", "single", "brain", "long", "int");
            assertThat(tensors.get("single").getShape()).isEqualTo(new Shape(2, 1));
            assertThat(tensors.get("single").toFloatArray()).containsExactly(1.5f, -2f);
            assertThat(tensors.get("half").getDataType()).isEqualTo(DataType.FLOAT32);
            assertThat(tensors.get("half").toFloatArray()).containsExactly(1.5f, -2f);
            assertThat(tensors.get("brain").getDataType()).isEqualTo(DataType.FLOAT32);
            assertThat(tensors.get("brain").toFloatArray()).containsExactly(3.140625f);
            assertThat(tensors.get("long").toLongArray()).containsExactly(7L, -1L);
            assertThat(tensors.get("int").getShape()).isEqualTo(new Shape());
            assertThat(tensors.get("int").toIntArray()).containsExactly(42);
            assertThat(tensors.get("single").getName()).isEqualTo("single");
        }
    }

    @Test
    void writesTheSpecifiedLayout() throws IOException {
        Path path = dir.resolve("out.safetensors");
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, NDArray> tensors = new LinkedHashMap<>();
            tensors.put("b.weight", manager.create(new float[] {1, 2, 3, 4, 5, 6}, new Shape(2, 3)));
            tensors.put("a.ids", manager.create(new long[] {9, 8}));
            tensors.put("c.count", manager.create(new int[] {5}));
            SafeTensors.write(path, tensors);
        }
        byte[] bytes = Files.readAllBytes(path);
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = buffer.getLong();
        assertThat(headerLength % 8).isZero();
        JsonNode header = new ObjectMapper().readTree(new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8));
        assertThat(header.get("__metadata__").get("format").asText()).isEqualTo("pt");
        assertThat(header.get("a.ids").toString()).isEqualTo("{\"dtype\":\"I64\",\"shape\":[2],\"data_offsets\":[0,16]}");
        assertThat(header.get("b.weight").toString())
                .isEqualTo("{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[16,40]}");
        assertThat(header.get("c.count").toString()).isEqualTo("{\"dtype\":\"I32\",\"shape\":[1],\"data_offsets\":[40,44]}");
        assertThat(bytes.length).isEqualTo(8 + headerLength + 44);
        buffer.position((int) (8 + headerLength));
        assertThat(buffer.getLong()).isEqualTo(9);
        assertThat(buffer.getLong()).isEqualTo(8);
        assertThat(buffer.getFloat()).isEqualTo(1f);
        buffer.position(buffer.position() + 16);
        assertThat(buffer.getFloat()).isEqualTo(6f);
        assertThat(buffer.getInt()).isEqualTo(5);
    }

    @Test
    void roundTripsAndReadsOnlyWhatIsAskedFor() {
        Path path = dir.resolve("round.safetensors");
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray weight = manager.randomNormal(new Shape(3, 5));
            SafeTensors.write(path, Map.of("w", weight, "other", manager.create(new long[] {1})));
            Map<String, NDArray> back = SafeTensors.read(manager, path, "w"::equals);
            assertThat(back.keySet()).containsExactly("w");
            assertThat(back.get("w").toFloatArray()).containsExactly(weight.toFloatArray());
            assertThat(SafeTensors.entries(path).get("other").shape()).isEqualTo(new Shape(1));
        }
    }

    @Test
    void namesTheProblemInADamagedFile() throws IOException {
        Path good = dir.resolve("good.safetensors");
        try (NDManager manager = NDManager.newBaseManager()) {
            SafeTensors.write(good, Map.of("w", manager.create(new float[] {1, 2, 3, 4})));
        }
        byte[] bytes = Files.readAllBytes(good);

        Path truncated = write("truncated", Arrays.copyOf(bytes, bytes.length - 3));
        assertThatThrownBy(() -> SafeTensors.entries(truncated)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'w'").hasMessageContaining("outside the 13 data bytes");

        Path tiny = write("tiny", new byte[] {1, 2, 3});
        assertThatThrownBy(() -> SafeTensors.entries(tiny)).hasMessageContaining("shorter than the 8-byte header");

        byte[] hugeHeader = bytes.clone();
        ByteBuffer.wrap(hugeHeader).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 1L << 40);
        Path huge = write("huge", hugeHeader);
        assertThatThrownBy(() -> SafeTensors.entries(huge)).hasMessageContaining("header length 1099511627776");

        Path wrongDtype = write("dtype", replace(bytes, "\"F32\"", "\"F64\""));
        assertThatThrownBy(() -> SafeTensors.entries(wrongDtype)).hasMessageContaining("dtype F64");

        Path wrongShape = write("shape", replace(bytes, "[4]", "[5]"));
        assertThatThrownBy(() -> SafeTensors.entries(wrongShape))
                .hasMessageContaining("needs 20 bytes but data_offsets give 16");

        Path notJson = write("json", replace(bytes, "{\"__", "[\"__"));
        assertThatThrownBy(() -> SafeTensors.entries(notJson)).hasMessageContaining("not JSON");
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name + ".safetensors"), bytes);
    }

    private static byte[] replace(byte[] bytes, String from, String to) {
        assertThat(from).hasSameSizeAs(to);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        assertThat(text).contains(from);
        return text.replace(from, to).getBytes(StandardCharsets.ISO_8859_1);
    }
}
