package io.leadscorer.scorer.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The reliability benchmark of BENCHMARKS.md ("Reliability"): the {@link FaultSuite} at full size. Arguments:
 * crashes (default 20), registry outage in seconds (default 30), good leads per second (default 100), and
 * {@code short-transactions} for a 5 s transaction timeout and a broker that aborts timed-out transactions every
 * 500 ms (Kafka's defaults otherwise: 10 s, checked every 10 s).
 * <pre>
 * ./mvnw -B -ntp -q install -DskipTests
 * ./mvnw -B -ntp -q -pl scorer exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.leadscorer.scorer.benchmark.ReliabilityBenchmark -Dai.djl.offline=true -Dexec.args="20 30 100"
 * </pre>
 */
public final class ReliabilityBenchmark {

    private ReliabilityBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int crashes = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int outageSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        Path work = Files.createTempDirectory("reliability-benchmark");
        boolean shortTransactions = args.length > 3 && args[3].equals("short-transactions");
        FaultSuite.Plan plan = new FaultSuite.Plan(crashes, Duration.ofSeconds(outageSeconds), rate, Duration.ofSeconds(2),
                shortTransactions);
        System.out.printf("Fault suite: %d crashes (alternately a stream thread killed mid-batch and an instance closed"
                + " without draining), a %d s registry outage, %d good leads/s, 14 poison kinds before each fault, %s%n",
                crashes, outageSeconds, rate, shortTransactions ? "short transactions (5 s, aborted every 0.5 s)"
                        : "Kafka's transaction defaults (10 s, aborted every 10 s)");
        FaultSuite.Report report = new FaultSuite(plan, work).run();
        System.out.print(report.summary());
        System.exit(0);
    }
}
