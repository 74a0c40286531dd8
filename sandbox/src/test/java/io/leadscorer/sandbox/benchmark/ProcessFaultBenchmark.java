package io.leadscorer.sandbox.benchmark;

import io.leadscorer.sandbox.faults.ProcessFaultSuite;
import io.leadscorer.sandbox.faults.ProcessFaultSuite.Plan;
import io.leadscorer.sandbox.faults.ProcessFaultSuite.Report;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The process-level fault suite's full plan (BENCHMARKS.md, "Faults"): at least ten SIGKILLs across three scorer
 * processes at random points under load, some during a hot swap, monitor kills, and one broker of three (replication
 * factor 3, min.insync.replicas 2) stopped abruptly and brought back under load. Prints the suite's summary with its
 * table (per fault kind: injected, in flight, lost, duplicated, recovery median and max), then the goals met or missed.
 *
 * <p>Run from the repository root, after {@code ./mvnw -B -ntp -q install -DskipTests}, in a JVM of its own: the
 * services it starts run on this JVM's class path, which under {@code exec:java} would be Maven's:
 * <pre>{@value #COMMAND}</pre>
 * The arguments override {@link Plan#full()}'s, in this order: scorer kills, of them during a swap, monitor kills,
 * brokers, broker stops, leads/s.
 */
public final class ProcessFaultBenchmark {

    static final String COMMAND = "./mvnw -B -ntp -q -pl sandbox dependency:build-classpath -Dmdep.includeScope=test"
            + " -Dmdep.outputFile=target/test-classpath.txt && OMP_WAIT_POLICY=PASSIVE java -Dai.djl.offline=true"
            + " -cp \"sandbox/target/test-classes:sandbox/target/classes:$(cat sandbox/target/test-classpath.txt)\""
            + " io.leadscorer.sandbox.benchmark.ProcessFaultBenchmark 12 3 3 3 1 20";

    private ProcessFaultBenchmark() {}

    public static void main(String[] args) throws Exception {
        Plan full = Plan.full();
        Plan plan = new Plan(full.scorers(), intArg(args, 0, full.scorerKills()), intArg(args, 1, full.swapKills()),
                intArg(args, 2, full.monitorKills()), intArg(args, 3, full.brokers()), intArg(args, 4, full.brokerStops()),
                full.brokerDowntime(), intArg(args, 5, full.leadsPerSecond()), full.outcomeDelay(), full.settle(),
                full.seed());
        System.out.printf(Locale.ROOT, "Process faults: %d scorer processes, %d scorer kills (%d during a hot swap),"
                        + " %d monitor kill(s), %d broker(s), %d broker stop(s) of %d s, %d leads/s%n", plan.scorers(),
                plan.scorerKills(), plan.swapKills(), plan.monitorKills(), plan.brokers(), plan.brokerStops(),
                plan.brokerDowntime().toSeconds(), plan.leadsPerSecond());
        Path work = Files.createTempDirectory("process-faults");
        Report report = new ProcessFaultSuite(plan, work).run();
        System.out.print(report.summary());
        Map<String, Boolean> goals = goals(report);
        goals.forEach((goal, met) -> System.out.printf("%s: %s%n", goal, met ? "met" : "missed"));
        System.out.println("logs: " + work.resolve("logs"));
        System.out.println("Command:");
        System.out.println(COMMAND);
        System.exit(goals.containsValue(false) ? 1 : 0);
    }

    private static Map<String, Boolean> goals(Report report) {
        Map<String, Boolean> goals = new LinkedHashMap<>();
        goals.put("every fault recovered within the guard",
                report.injections().stream().allMatch(injection -> injection.recoveryMs() >= 0));
        goals.put("no lead lost", report.lost() == 0 && report.scoredDistinct() == report.produced());
        goals.put("no lead scored twice", report.duplicated() == 0);
        goals.put("every outcome counted once", report.labelled() == report.outcomesSent());
        goals.put("the last lead scored by the last model deployed", report.swappedTo() == null
                || report.swappedTo().equals(report.lastLeadModel()));
        goals.put("every service exits within the grace after SIGTERM", report.uncleanStops().isEmpty());
        goals.put("no ERROR line in the services' logs", report.errorLines().isEmpty());
        return goals;
    }

    private static int intArg(String[] args, int index, int fallback) {
        return args.length > index ? Integer.parseInt(args[index]) : fallback;
    }
}
