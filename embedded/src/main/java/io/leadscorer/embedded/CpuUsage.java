package io.leadscorer.embedded;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Where the process's CPU time went between two snapshots, for benchmarks that run beside the in-JVM broker: by
 * thread group (stream threads, the scorer's inference threads, the broker, Kafka clients, and the threads that are
 * not Java threads: the collector's, the JIT compiler's, PyTorch's intra-op pool, RocksDB's), and, on Linux, the CPU
 * used outside this JVM meanwhile (other processes: a benchmark on a busy machine is void).
 */
public final class CpuUsage {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final Path PROC_STAT = Path.of("/proc/stat");
    private static final double TICKS_PER_SECOND = 100;

    private final Map<Long, Long> cpuByThread;
    private final Map<Long, String> names;
    private final long processCpu;
    private final long wall;
    private final long systemBusyTicks;

    private CpuUsage(Map<Long, Long> cpuByThread, Map<Long, String> names, long processCpu, long wall,
                     long systemBusyTicks) {
        this.cpuByThread = cpuByThread;
        this.names = names;
        this.processCpu = processCpu;
        this.wall = wall;
        this.systemBusyTicks = systemBusyTicks;
    }

    public static CpuUsage snapshot() {
        Map<Long, Long> cpu = new TreeMap<>();
        Map<Long, String> names = new TreeMap<>();
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null) {
                long time = THREADS.getThreadCpuTime(info.getThreadId());
                if (time >= 0) {
                    cpu.put(info.getThreadId(), time);
                    names.put(info.getThreadId(), info.getThreadName());
                }
            }
        }
        long process = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        return new CpuUsage(cpu, names, process, System.nanoTime(), systemBusyTicks());
    }

    /** Busy CPU time of the whole machine in clock ticks (1/100 s) from /proc/stat; -1 where there is none. */
    private static long systemBusyTicks() {
        try {
            String[] fields = Files.readAllLines(PROC_STAT).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < fields.length && i <= 8; i++) {
                if (i != 4 && i != 5) { // idle, iowait
                    busy += Long.parseLong(fields[i]);
                }
            }
            return busy;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Wall-clock seconds since {@code before}. */
    public double secondsSince(CpuUsage before) {
        return (wall - before.wall) / 1e9;
    }

    /** CPU seconds of the whole process (every thread, the broker's and native ones included) since {@code before}. */
    public double processSecondsSince(CpuUsage before) {
        return (processCpu - before.processCpu) / 1e9;
    }

    /** CPU seconds since {@code before} of the Java threads whose names match (threads started meanwhile count whole). */
    public double threadSecondsSince(CpuUsage before, Predicate<String> threadNames) {
        long used = 0;
        for (Map.Entry<Long, Long> entry : cpuByThread.entrySet()) {
            if (threadNames.test(names.get(entry.getKey()))) {
                used += entry.getValue() - before.cpuByThread.getOrDefault(entry.getKey(), 0L);
            }
        }
        return used / 1e9;
    }

    /** Cores used outside this JVM since {@code before} (NaN where unknown). */
    public double otherProcessesSince(CpuUsage before) {
        if (systemBusyTicks < 0 || before.systemBusyTicks < 0) {
            return Double.NaN;
        }
        double seconds = secondsSince(before);
        double system = (systemBusyTicks - before.systemBusyTicks) / TICKS_PER_SECOND / seconds;
        return Math.max(0, system - processSecondsSince(before) / seconds);
    }

    /** Cores used on average per group since {@code before}, e.g. {@code stream thread 0.95, broker 0.30, ...}. */
    public String since(CpuUsage before) {
        return since(before, thread -> null);
    }

    /**
     * As {@link #since(CpuUsage)}, with the caller's own groups: {@code grouping} names the group of a thread by its
     * name, or returns null for the default groups.
     */
    public String since(CpuUsage before, Function<String, String> grouping) {
        double seconds = secondsSince(before);
        Map<String, Double> byGroup = new TreeMap<>();
        long javaThreads = 0;
        for (Map.Entry<Long, Long> entry : cpuByThread.entrySet()) {
            long used = entry.getValue() - before.cpuByThread.getOrDefault(entry.getKey(), 0L);
            javaThreads += used;
            String name = names.get(entry.getKey());
            String group = grouping.apply(name);
            byGroup.merge(group != null ? group : group(name), used / 1e9 / seconds, Double::sum);
        }
        byGroup.put("native (GC, JIT, PyTorch, RocksDB)",
                Math.max(0, processCpu - before.processCpu - javaThreads) / 1e9 / seconds);
        byGroup.put("total", processSecondsSince(before) / seconds);
        double others = otherProcessesSince(before);
        if (!Double.isNaN(others)) {
            byGroup.put("~other processes", others);
        }
        StringBuilder out = new StringBuilder();
        byGroup.forEach((group, cores) -> {
            if (cores >= 0.005) {
                out.append(out.isEmpty() ? "" : ", ").append(group).append(' ')
                        .append(String.format(Locale.ROOT, "%.2f", cores));
            }
        });
        return out.toString();
    }

    /** The default group of a thread by its name. */
    public static String group(String thread) {
        if (thread.endsWith("-inference")) {
            return "inference thread";
        }
        if (thread.contains("StreamThread")) {
            return thread.contains("producer") ? "streams producer" : "stream thread";
        }
        if (thread.startsWith("kafka-producer-network-thread")) {
            return "bench producer";
        }
        if (thread.startsWith("data-plane") || thread.startsWith("kafka-") || thread.contains("broker")
                || thread.contains("controller") || thread.contains("raft") || thread.contains("ReplicaFetcher")
                || thread.contains("log-cleaner") || thread.contains("group-coordinator")
                || thread.contains("transaction") || thread.contains("ExpirationReaper")) {
            return "broker";
        }
        if (thread.startsWith("bench-")) {
            return thread;
        }
        return "other JVM";
    }
}
