package io.leadscorer.trainer.testing;

import io.leadscorer.trainer.TrainerApplication;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The trainer command in a JVM of its own, for what a test cannot do inside its own (environment, signals). */
public final class TrainerProcess {
    private TrainerProcess() {}

    /** Starts the command with extra environment variables; stdout and stderr are merged. */
    public static Process start(Map<String, String> environment, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "-Dai.djl.offline=true", "-Xmx768m", "-XX:TieredStopAtLevel=1",
                TrainerApplication.class.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        return builder.start();
    }
}
