package io.leadscorer.scorer.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleLocatorTest {

    @TempDir
    Path tmp;

    private Path store;
    private BundleLocator locator;

    @BeforeEach
    void createStore() throws Exception {
        store = Files.createDirectories(tmp.resolve("models"));
        Files.createDirectories(store.resolve("m-1"));
        locator = new BundleLocator(store);
    }

    @Test
    void acceptsAFileUriOfADirectChildNamedByTheModelId() throws Exception {
        assertThat(locator.locate(store.resolve("m-1").toUri().toString(), "m-1")).isEqualTo(store.resolve("m-1").toRealPath());
        assertThat(locator.locate("", "m-1")).isEqualTo(store.resolve("m-1").toRealPath());
    }

    @Test
    void refusesOtherSchemes() {
        assertThatThrownBy(() -> locator.locate("s3://bucket/m-1", "m-1")).isInstanceOf(RejectedBundleException.class)
                .hasMessageContaining("scheme 's3'");
        assertThatThrownBy(() -> locator.locate("http://host/m-1", "m-1")).hasMessageContaining("scheme 'http'");
        assertThatThrownBy(() -> locator.locate("/plain/path/m-1", "m-1")).hasMessageContaining("scheme 'null'");
    }

    @Test
    void refusesAPathOutsideTheStore() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("elsewhere/m-1"));
        assertThatThrownBy(() -> locator.locate(outside.toUri().toString(), "m-1"))
                .isInstanceOf(RejectedBundleException.class).hasMessageContaining("not a direct child of the model store");
        assertThatThrownBy(() -> locator.locate(store.resolve("../elsewhere/m-1").toUri().toString(), "m-1"))
                .hasMessageContaining("not a direct child of the model store");
        Files.createDirectories(store.resolve("nested/m-1"));
        assertThatThrownBy(() -> locator.locate(store.resolve("nested/m-1").toUri().toString(), "m-1"))
                .hasMessageContaining("not a direct child of the model store");
    }

    @Test
    void refusesASymlinkThatEscapesTheStore() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("elsewhere/m-2"));
        Files.createSymbolicLink(store.resolve("m-2"), outside);
        assertThatThrownBy(() -> locator.locate(store.resolve("m-2").toUri().toString(), "m-2"))
                .isInstanceOf(RejectedBundleException.class).hasMessageContaining("resolves to " + outside.toRealPath());
    }

    @Test
    void refusesADirectoryNotNamedByTheModelIdAndAMissingOne() {
        assertThatThrownBy(() -> locator.locate(store.resolve("m-1").toUri().toString(), "m-9"))
                .isInstanceOf(RejectedBundleException.class).hasMessageContaining("does not match the command's model id m-9");
        assertThatThrownBy(() -> locator.locate(store.resolve("m-3").toUri().toString(), "m-3"))
                .hasMessageContaining("no bundle at");
    }

    @Test
    void refusesHostsQueriesAndFragments() {
        assertThatThrownBy(() -> locator.locate("file://evil-host" + store.resolve("m-1"), "m-1"))
                .hasMessageContaining("without host");
        assertThatThrownBy(() -> locator.locate(store.resolve("m-1").toUri() + "?x=1", "m-1"))
                .hasMessageContaining("without host");
    }
}
