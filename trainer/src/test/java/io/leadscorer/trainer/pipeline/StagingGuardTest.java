package io.leadscorer.trainer.pipeline;

import io.leadscorer.model.bundle.BundleWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class StagingGuardTest {
    @TempDir
    Path store;

    @Test
    void atShutdownTheUnpublishedStagingDirectoryIsDeleted() throws IOException {
        try (BundleWriter writer = BundleWriter.begin(store); StagingGuard guard = StagingGuard.of(writer)) {
            Files.writeString(writer.staging().resolve("model.safetensors"), "half of the weights");

            guard.hook().run(); // what the JVM runs on Ctrl-C or SIGTERM

            assertThat(writer.staging()).doesNotExist();
        }
        try (Stream<Path> left = Files.list(store)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void closingTheGuardUnregistersItsHook() {
        Thread hook;
        try (BundleWriter writer = BundleWriter.begin(store); StagingGuard guard = StagingGuard.of(writer)) {
            hook = guard.hook();
        }

        // removing it again fails: it is no longer registered, so a finished run leaves no hook behind
        assertThat(Runtime.getRuntime().removeShutdownHook(hook)).isFalse();
    }
}
