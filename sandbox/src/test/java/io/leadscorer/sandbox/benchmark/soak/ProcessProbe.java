package io.leadscorer.sandbox.benchmark.soak;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads a live process's {@link ProcessFootprint} on Linux: /proc/PID/status, smaps_rollup and fd, and, for a JVM
 * started with {@code -XX:NativeMemoryTracking=summary}, {@code jcmd PID VM.native_memory summary}, which is what
 * tells the Java heap apart from the rest of the resident memory.
 */
final class ProcessProbe {

    private static final Pattern TRACKED_TOTAL = Pattern.compile("Total: reserved=\\d+KB, committed=(\\d+)KB");
    private static final Pattern TRACKED_HEAP = Pattern.compile("Java Heap \\(reserved=\\d+KB, committed=(\\d+)KB\\)");
    private static final long JCMD_TIMEOUT_SECONDS = 60;

    private final Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");

    ProcessFootprint read(long pid) throws IOException, InterruptedException {
        Path proc = Path.of("/proc", Long.toString(pid));
        List<String> status = Files.readAllLines(proc.resolve("status"));
        long rss = field(status, "VmRSS:");
        int threads = (int) field(status, "Threads:");
        long anonymous = field(Files.readAllLines(proc.resolve("smaps_rollup")), "Anonymous:");
        int openFiles;
        try (Stream<Path> fds = Files.list(proc.resolve("fd"))) {
            openFiles = (int) fds.count();
        }
        String tracked = nativeMemorySummary(pid);
        return new ProcessFootprint(rss, anonymous, kib(TRACKED_HEAP, tracked), kib(TRACKED_TOTAL, tracked), openFiles,
                threads);
    }

    private String nativeMemorySummary(long pid) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "VM.native_memory", "summary")
                .redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(JCMD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return "";
        }
        return new String(output, StandardCharsets.UTF_8);
    }

    private static long kib(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
    }

    /** The number after a "Name:" line's label (kB units dropped). */
    private static long field(List<String> lines, String label) {
        return lines.stream().filter(line -> line.startsWith(label)).findFirst()
                .map(line -> Long.parseLong(line.substring(label.length()).trim().split("\\s+")[0]))
                .orElseThrow(() -> new IllegalStateException("No " + label + " line"));
    }
}
