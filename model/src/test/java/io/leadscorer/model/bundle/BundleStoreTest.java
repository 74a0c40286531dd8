package io.leadscorer.model.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleStoreTest {
    private static final Instant T0 = Instant.parse("2026-11-25T06:00:00Z");

    @TempDir
    Path root;

    @Test
    void listsBundlesNewestFirstIgnoringStagingAndStrays() throws IOException {
        BundleStore store = new BundleStore(root);
        Bundles.publish(root, "a-old", T0);
        Bundles.publish(root, "z-middle", T0.plusSeconds(60));
        Bundles.publish(root, "b-new", T0.plusSeconds(120));
        BundleWriter unfinished = store.begin();
        Files.writeString(unfinished.staging().resolve("config.json"), "{}");
        Files.createDirectories(root.resolve("not-a-bundle"));
        Files.move(root.resolve("a-old"), root.resolve("renamed"));

        assertThat(store.list()).extracting(Manifest::modelId).containsExactly("b-new", "z-middle");
        assertThat(store.latest()).map(Bundle::modelId).contains("b-new");
        assertThat(store.open("z-middle").manifest().createdAt()).isEqualTo(T0.plusSeconds(60));
        unfinished.abort();
    }

    @Test
    void anEmptyOrAbsentStoreHasNoBundles() {
        assertThat(new BundleStore(root.resolve("absent")).list()).isEmpty();
        assertThat(new BundleStore(root).latest()).isEmpty();
    }

    @Test
    void modelIdsCannotLeaveTheStore() {
        BundleStore store = new BundleStore(root);

        assertThat(store.dir("m-1")).isEqualTo(root.resolve("m-1"));
        assertThatThrownBy(() -> store.dir("../elsewhere")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.dir(".staging-x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.dir("a/b")).isInstanceOf(IllegalArgumentException.class);
    }
}
