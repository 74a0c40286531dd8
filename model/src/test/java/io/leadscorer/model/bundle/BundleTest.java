package io.leadscorer.model.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleTest {
    private static final Instant CREATED = Instant.parse("2026-11-25T06:01:02Z");

    @TempDir
    Path store;

    private Path dir;
    private Bundle published;

    @BeforeEach
    void publish() throws IOException {
        published = Bundles.publish(store, "m-1", CREATED);
        dir = published.dir();
    }

    @Test
    void opensWhatWasPublished() {
        Bundle bundle = Bundle.open(dir);

        assertThat(bundle.modelId()).isEqualTo("m-1");
        assertThat(bundle.manifest()).isEqualTo(published.manifest())
                .isEqualTo(Bundles.manifest("m-1", CREATED).withFiles(published.manifest().files()));
        assertThat(bundle.manifestSha256()).isEqualTo(published.manifestSha256());
        assertThat(bundle.file("tokenizer.json")).isEqualTo(dir.resolve("tokenizer.json")).hasContent("hello");
        assertThat(bundle.file("plots/roc.png")).exists();
        assertThat(bundle.has("model.safetensors")).isFalse();
        assertThatThrownBy(() -> bundle.file("model.safetensors"))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("bundle m-1 has no file model.safetensors");
    }

    @Test
    void rejectsAMissingFile() throws IOException {
        Files.delete(dir.resolve("plots/roc.png"));

        assertThatThrownBy(() -> Bundle.open(dir))
                .isInstanceOf(BundleException.class)
                .hasMessage("bundle m-1 at " + dir + " failed verification: plots/roc.png is listed in manifest.json but missing");
    }

    @Test
    void rejectsAChecksumMismatch() throws IOException {
        Files.writeString(dir.resolve("tokenizer.json"), "hellO");

        assertThatThrownBy(() -> Bundle.open(dir))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("failed verification: tokenizer.json has SHA-256 ")
                .hasMessageContaining("but manifest.json says " + Bundles.HELLO_SHA256);
    }

    @Test
    void rejectsAnUnlistedFile() throws IOException {
        Files.writeString(dir.resolve("plots/extra.png"), "x");

        assertThatThrownBy(() -> Bundle.open(dir))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("failed verification: plots/extra.png is not listed in manifest.json");
    }

    @Test
    void namesEveryProblemAtOnce() throws IOException {
        Files.delete(dir.resolve("config.json"));
        Files.writeString(dir.resolve("tokenizer.json"), "bye");
        Files.writeString(dir.resolve("notes.txt"), "x");

        assertThatThrownBy(() -> Bundle.open(dir))
                .hasMessageContaining("config.json is listed in manifest.json but missing; tokenizer.json has SHA-256")
                .hasMessageContaining("; notes.txt is not listed in manifest.json");
    }

    @Test
    void rejectsAnUnknownFormatVersion() throws IOException {
        Path manifest = dir.resolve("manifest.json");
        Files.writeString(manifest, Files.readString(manifest).replace("\"format_version\" : 1", "\"format_version\" : 2"));

        assertThatThrownBy(() -> Bundle.open(dir))
                .isInstanceOf(BundleException.class)
                .hasMessage(manifest + " has format version 2; this build reads format version 1");
    }

    @Test
    void rejectsADirectoryWithoutManifest() throws IOException {
        Files.delete(dir.resolve("manifest.json"));

        assertThatThrownBy(() -> Bundle.open(dir)).hasMessage("bundle " + dir + " has no manifest.json");
        assertThatThrownBy(() -> Bundle.open(store.resolve("absent"))).hasMessage("no bundle directory at " + store.resolve("absent"));
    }

    @Test
    void aChangedManifestChangesTheFingerprint() throws IOException {
        Path manifest = dir.resolve("manifest.json");
        Files.writeString(manifest, Files.readString(manifest).replace("\"threshold\" : 0.42", "\"threshold\" : 0.05"));

        Bundle bundle = Bundle.open(dir);

        assertThat(bundle.manifest().threshold()).isEqualTo(0.05);
        assertThat(bundle.manifestSha256()).isNotEqualTo(published.manifestSha256());
    }

    @Test
    void handsOutTheVerifiedBytesEvenWhenTheFileIsReplacedAfterwards() throws IOException {
        Bundle bundle = Bundle.open(dir);
        Files.writeString(dir.resolve("tokenizer.json"), "tampered");

        assertThat(new String(bundle.bytes("tokenizer.json"), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(bundle.stream("tokenizer.json").readAllBytes()).isEqualTo("hello".getBytes());
        assertThatThrownBy(() -> bundle.bytes("manifest.json")).isInstanceOf(BundleException.class);
    }

    @Test
    void refusesFilesAndBundlesOverTheSizeLimitsBeforeReadingThem() {
        BundleLimits tiny = new BundleLimits(1 << 20, 4, 1L << 20, 48, 4096, 16384, 1_000_000, 8192);
        assertThatThrownBy(() -> Bundle.open(dir, tiny)).isInstanceOf(BundleException.class)
                .hasMessageContaining("tokenizer.json is 5 bytes, over the limit of 4");
        BundleLimits smallManifest = new BundleLimits(16, 1 << 20, 1L << 20, 48, 4096, 16384, 1_000_000, 8192);
        assertThatThrownBy(() -> Bundle.open(dir, smallManifest)).isInstanceOf(BundleException.class)
                .hasMessageContaining("manifest.json is").hasMessageContaining("over the limit of 16");
    }
}
