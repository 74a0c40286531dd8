package io.leadscorer.scorer.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The reliability benchmark of BENCHMARKS.md ("Reliability"): the {@link FaultSuite} at full size. Arguments, in
 * order: crashes (default 20), broker restarts (default 1), broker downtime in seconds (default 10), model swaps
 * (default 50), registry outage in seconds (default 30), good leads per second (default 100), and
 * {@code short-transactions} for a 5 s transaction timeout and a broker that aborts timed-out transactions every
 * 500 ms (Kafka's defaults otherwise: 10 s, checked every 10 s).
 * <pre>
 * ./mvnw -B -ntp -q install -DskipTests
 * ./mvnw -B -ntp -q -pl scorer exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.leadscorer.scorer.benchmark.ReliabilityBenchmark -Dai.djl.offline=true \
 *   -Dexec.args="20 1 10 50 30 100 short-transactions"
 * </pre>
 */
public final class ReliabilityBenchmark {

    private ReliabilityBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int crashes = intArg(args, 0, 20);
        int restarts = intArg(args, 1, 1);
        int downtimeSeconds = intArg(args, 2, 10);
        int swaps = intArg(args, 3, 50);
        int outageSeconds = intArg(args, 4, 30);
        int rate = intArg(args, 5, 100);
        boolean shortTransactions = args.length > 6 && args[6].equals("short-transactions");
        Path work = Files.createTempDirectory("reliability-benchmark");
        FaultSuite.Plan plan = new FaultSuite.Plan(crashes, restarts, Duration.ofSeconds(downtimeSeconds), swaps,
                Duration.ofSeconds(outageSeconds), rate, Duration.ofSeconds(2), shortTransactions);
        System.out.printf("Fault suite: %d crashes (alternately a stream thread killed mid-batch and an instance closed"
                + " without draining), %d broker restart(s) of %d s, %d model swaps by control command, a %d s registry"
                + " outage, %d good leads/s, 14 poison kinds before each fault, %s%n", crashes, restarts,
                downtimeSeconds, swaps, outageSeconds, rate, shortTransactions
                        ? "short transactions (5 s, aborted every 0.5 s)" : "Kafka's transaction defaults (10 s, aborted every 10 s)");
        FaultSuite.Report report = new FaultSuite(plan, work).run();
        System.out.print(report.summary());
        System.exit(0);
    }

    private static int intArg(String[] args, int index, int fallback) {
        return args.length > index ? Integer.parseInt(args[index]) : fallback;
    }
}
