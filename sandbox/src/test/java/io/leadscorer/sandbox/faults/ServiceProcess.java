package io.leadscorer.sandbox.faults;

import io.leadscorer.sandbox.LeadScorerLauncher;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One service ({@code ./lead-scorer score} or {@code monitor}) as a JVM of its own, started as the launcher script
 * starts it: the launcher's main class on the test's class path, settings from arguments and environment variables,
 * and any further JVM options (e.g. native memory tracking for a soak). Each start writes a log of its own; a kill is
 * SIGKILL, a stop SIGTERM.
 */
public final class ServiceProcess {

    private static final String SERVER_RUNNING = "Server Running: http://";
    private static final Pattern SERVER_URL = Pattern.compile("Server Running: (http://\\S+)");

    private final String name;
    private final List<String> jvmOptions;
    private final List<String> arguments;
    private final Map<String, String> environment;
    private final Path logDir;
    private volatile Process process;
    private Path log;
    private int starts;

    public ServiceProcess(String name, List<String> arguments, Map<String, String> environment, Path logDir) {
        this(name, List.of(), arguments, environment, logDir);
    }

    public ServiceProcess(String name, List<String> jvmOptions, List<String> arguments, Map<String, String> environment,
                          Path logDir) {
        this.name = name;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.arguments = List.copyOf(arguments);
        this.environment = Map.copyOf(environment);
        this.logDir = logDir;
    }

    public String name() {
        return name;
    }

    public synchronized Path log() {
        return log;
    }

    /** The operating system's id of the current start's process. */
    public synchronized long pid() {
        return process.pid();
    }

    /** The current start's HTTP server, as its log names it once it runs. */
    public URI serverUrl() throws IOException {
        Matcher running = SERVER_URL.matcher(Files.readString(log()));
        if (!running.find()) {
            throw new IllegalStateException(name + " has no server running yet");
        }
        return URI.create(running.group(1));
    }

    public synchronized void start() throws IOException {
        if (starts == 0) {
            // a run interrupted (Ctrl-C, a timeout's SIGTERM) must not leave services behind on the machine
            Runtime.getRuntime().addShutdownHook(new Thread(this::killNow, name + "-kill-on-exit"));
        }
        starts++;
        log = logDir.resolve(name + "-" + starts + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "-Dai.djl.offline=true", "-Djava.awt.headless=true"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), LeadScorerLauncher.class.getName()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        builder.environment().putAll(environment);
        process = builder.start();
    }

    private void killNow() {
        Process current = process;
        if (current != null) {
            current.destroyForcibly();
        }
    }

    /** SIGKILL, and the wait for the process to be gone. */
    public synchronized void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Waits until this start's HTTP server runs (the service has started); false when it did not or the process died. */
    public boolean awaitRunning(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Process current;
            Path currentLog;
            synchronized (this) {
                current = process;
                currentLog = log;
            }
            if (Files.exists(currentLog) && Files.readString(currentLog).contains(SERVER_RUNNING)) {
                return true;
            }
            if (!current.isAlive()) {
                return false;
            }
            Thread.sleep(200);
        }
        return false;
    }

    /**
     * SIGTERM, as an orchestrator stops a service, then SIGKILL if it has not exited in time; whether it exited
     * within the grace (a process already gone did).
     */
    public synchronized boolean stop(Duration grace) throws InterruptedException {
        if (process == null) {
            return true;
        }
        process.destroy();
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            return false;
        }
        return true;
    }

    /** The lines of every start's log that hold ERROR. */
    public List<String> errorLines() throws IOException {
        List<String> errors = new ArrayList<>();
        for (int start = 1; start <= starts; start++) {
            Path file = logDir.resolve(name + "-" + start + ".log");
            if (Files.exists(file)) {
                Files.readAllLines(file).stream().filter(line -> line.contains(" ERROR "))
                        .forEach(line -> errors.add(file.getFileName() + ": " + line));
            }
        }
        return errors;
    }
}
