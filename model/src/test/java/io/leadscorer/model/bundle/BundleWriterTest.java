package io.leadscorer.model.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleWriterTest {
    private static final Instant CREATED = Instant.parse("2026-11-25T06:01:02Z");

    @TempDir
    Path store;

    @Test
    void modelIdsAreTimeAndShortDigest() {
        byte[] digest = HexFormat.of().parseHex("ab12cd34ef56");

        assertThat(BundleWriter.newModelId(CREATED, digest)).isEqualTo("20261125T060102Z-ab12cd34");
        assertThat(BundleWriter.newModelId(Instant.parse("2026-01-02T03:04:05.999Z"), digest))
                .isEqualTo("20260102T030405Z-ab12cd34");
        assertThatThrownBy(() -> BundleWriter.newModelId(CREATED, new byte[3]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void publishesAtomicallyWithTheChecksumOfEveryFile() throws IOException {
        Bundle bundle = Bundles.publish(store, "m-1", CREATED);

        assertThat(entries(store)).containsExactly("m-1");
        assertThat(bundle.dir()).isEqualTo(store.resolve("m-1"));
        assertThat(bundle.manifest().files()).containsOnlyKeys("config.json", "plots/roc.png", "tokenizer.json")
                .containsEntry("tokenizer.json", Bundles.HELLO_SHA256)
                .containsEntry("plots/roc.png", Checksums.sha256(new byte[] {(byte) 0x89, 'P', 'N', 'G'}));
        assertThat(bundle.manifest().files().keySet()).containsExactly("config.json", "plots/roc.png", "tokenizer.json");
        byte[] manifestBytes = Files.readAllBytes(store.resolve("m-1/manifest.json"));
        assertThat(bundle.manifestSha256()).isEqualTo(Checksums.sha256(manifestBytes)).hasSize(64);
        assertThat(Manifest.fromJson(manifestBytes, "m")).isEqualTo(bundle.manifest());
    }

    @Test
    void refusesToReplaceABundleAndLeavesTheOldOneIntact() throws IOException {
        Bundle first = Bundles.publish(store, "m-1", CREATED);

        assertThatThrownBy(() -> Bundles.publish(store, "m-1", CREATED.plusSeconds(60)))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("bundle m-1 already exists");

        assertThat(entries(store)).containsExactly("m-1");
        assertThat(Bundle.open(store.resolve("m-1")).manifestSha256()).isEqualTo(first.manifestSha256());
    }

    @Test
    void closingWithoutPublishingLeavesNothing() throws IOException {
        Path staging;
        try (BundleWriter writer = BundleWriter.begin(store)) {
            staging = writer.staging();
            assertThat(staging.getFileName().toString()).startsWith(".staging-");
            assertThat(staging.getParent()).isEqualTo(store);
            Files.writeString(staging.resolve("model.safetensors"), "half written");
        }

        assertThat(staging).doesNotExist();
        assertThat(entries(store)).isEmpty();
    }

    @Test
    void aFailedWriteLeavesNothing() throws IOException {
        assertThatThrownBy(() -> {
            try (BundleWriter writer = BundleWriter.begin(store)) {
                Files.writeString(writer.staging().resolve("config.json"), "{}");
                throw new IOException("disk full");
            }
        }).hasMessage("disk full");

        assertThat(entries(store)).isEmpty();
    }

    @Test
    void aFailedPublishLeavesNothing() throws IOException {
        BundleWriter writer = BundleWriter.begin(store);
        Files.writeString(writer.staging().resolve("manifest.json"), "{}");

        assertThatThrownBy(() -> writer.publish(Bundles.manifest("m-1", CREATED)))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("already holds a manifest.json");
        assertThat(entries(store)).isEmpty();
        assertThatThrownBy(() -> writer.publish(Bundles.manifest("m-1", CREATED)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesLinksInsideABundle() throws IOException {
        Path outside = Files.writeString(store.resolveSibling(store.getFileName() + "-outside.txt"), "secret");
        try (BundleWriter writer = BundleWriter.begin(store)) {
            Files.createSymbolicLink(writer.staging().resolve("weights.bin"), outside);

            assertThatThrownBy(() -> writer.publish(Bundles.manifest("m-1", CREATED)))
                    .isInstanceOf(BundleException.class)
                    .hasMessageContaining("weights.bin")
                    .hasMessageContaining("not a regular file");
        } finally {
            Files.delete(outside);
        }
        assertThat(entries(store)).isEmpty();
    }

    private static List<String> entries(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
