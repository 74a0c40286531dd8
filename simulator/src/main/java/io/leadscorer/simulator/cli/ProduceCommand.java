package io.leadscorer.simulator.cli;

import io.leadscorer.avro.LeadOutcome;
import io.leadscorer.avro.MqlEvent;
import io.leadscorer.simulator.produce.EventProducer;
import io.leadscorer.simulator.produce.OutcomeCounts;
import io.leadscorer.simulator.produce.OutcomeDraw;
import io.leadscorer.simulator.produce.OutcomeProducer;
import io.leadscorer.simulator.produce.ProduceSummary;
import io.leadscorer.simulator.world.MqlWorld;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code simulator produce}: live MQL load, Avro events to Kafka at a steady rate, and on request what became of
 * each lead ({@code LeadOutcome} records, after a delay) on a topic of their own.
 */
@Command(name = "produce", mixinStandardHelpOptions = true,
        description = "Sends simulated leads to Kafka as MqlEvent Avro records (Confluent wire format, key = lead id) at a steady rate,"
                + " and with --outcomes-topic what became of each lead as LeadOutcome records.")
public final class ProduceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    WorldOptions options;

    @Option(names = "--bootstrap", required = true, description = "Kafka bootstrap servers, HOST:PORT[,HOST:PORT...].")
    String bootstrap;

    @Option(names = "--registry", required = true,
            description = "Schema Registry URL (http(s)://...), or mock://<scope> for the in-memory registry of this JVM.")
    String registry;

    @Option(names = "--topic", defaultValue = "mql.events", description = "Topic (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--rate", defaultValue = "100", description = "Events per second; 0 sends as fast as possible (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--count", defaultValue = "1000", description = "Number of events (default: ${DEFAULT-VALUE}).")
    long count;

    @Option(names = {"-X", "--config"}, paramLabel = "KEY=VALUE", mapFallbackValue = "",
            description = "Producer or serde setting, repeatable (e.g. -X security.protocol=SSL -X basic.auth.user.info=u:p).")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--simulated-time", description = "Keep the world's event times (from 2024-01-01) instead of stamping the send time.")
    boolean simulatedTime;

    @Option(names = "--progress-every", defaultValue = "5", description = "Seconds between progress lines; 0 for none (default: ${DEFAULT-VALUE}).")
    double progressEverySeconds;

    @Option(names = "--outcomes-topic", paramLabel = "TOPIC",
            description = "Also report what became of each acknowledged lead (LeadOutcome, key = lead id) on this topic, e.g. mql.outcomes (default: off).")
    String outcomesTopic;

    @Option(names = "--outcome-delay-mean", paramLabel = "DURATION", defaultValue = "2s", converter = DurationConverter.class,
            description = "Mean of the exponential delay from a lead to its outcome, e.g. 500ms, 2s, 5m (default: ${DEFAULT-VALUE}).")
    Duration outcomeDelayMean;

    @Option(names = "--outcome-delay-min", paramLabel = "DURATION", defaultValue = "0s", converter = DurationConverter.class,
            description = "Shortest delay from a lead to its outcome, added to the exponential one (default: ${DEFAULT-VALUE}).")
    Duration outcomeDelayMin;

    @Option(names = "--outcome-share", paramLabel = "SHARE", defaultValue = "1.0",
            description = "Share of the leads whose outcome is reported, 0 to 1 (default: ${DEFAULT-VALUE}).")
    double outcomeShare;

    @Option(names = "--wins-only", description = "Report converted leads only, as a CRM that reports won deals alone (default: also explicit non-conversions).")
    boolean winsOnly;

    @Option(names = "--outcome-wait", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
            description = "After the last lead, how long to wait for outcomes to fall due; those still pending are then sent at once (default: ${DEFAULT-VALUE}).")
    Duration outcomeWait;

    @Override
    public Integer call() throws Exception {
        if (count < 0) {
            throw new IllegalArgumentException("--count must not be negative");
        }
        PrintWriter err = spec.commandLine().getErr();
        EventProducer.Plan plan = new EventProducer.Plan(topic, count, rate, !simulatedTime,
                (long) (progressEverySeconds * TimeUnit.SECONDS.toNanos(1)));
        OutcomeDraw outcomeDraw = outcomesTopic == null ? null : outcomeDraw(options.seed);
        MqlWorld world = options.world();
        ProduceSummary summary;
        try (Producer<String, MqlEvent> producer = EventProducer.kafkaProducer(bootstrap, registry, settings);
             Producer<String, LeadOutcome> outcomeProducer = outcomeDraw == null ? null
                     : OutcomeProducer.kafkaProducer(bootstrap, registry, settings)) {
            OutcomeProducer outcomes = outcomeDraw == null ? null
                    : new OutcomeProducer(outcomeProducer, outcomesTopic, outcomeDraw);
            try {
                summary = new EventProducer(producer).run(world, plan, progress -> {
                    err.printf(Locale.ROOT, "sent %d/%d, failed %d, %.1f events/s%n",
                            progress.sent(), progress.planned(), progress.failed(), progress.rate());
                    err.flush();
                }, outcomes == null ? EventProducer.Acknowledged.NONE : outcomes::schedule);
            } catch (InterruptedException | RuntimeException e) {
                if (outcomes != null) {
                    outcomes.close(Duration.ZERO);
                }
                throw e;
            }
            if (outcomes != null) {
                err.printf(Locale.ROOT, "waiting up to %.1f s for %d outcomes to fall due%n", outcomeWait.toMillis() / 1e3,
                        outcomes.pending());
                err.flush();
                outcomes.close(outcomeWait);
                summary = summary.withOutcomes(outcomes.counts());
            }
        }
        if (summary.firstError() != null) {
            err.println("first failure: " + summary.firstError());
        }
        err.printf(Locale.ROOT, "done: %d sent, %d failed to %s in %.1f s (%.1f events/s, target %s)%n", summary.sent(),
                summary.failed(), topic, summary.seconds(), summary.rate(), rate > 0 ? String.valueOf(rate) : "unpaced");
        OutcomeCounts outcomes = summary.outcomes();
        if (outcomes != null) {
            if (outcomes.firstError() != null) {
                err.println("first outcome failure: " + outcomes.firstError());
            }
            err.printf(Locale.ROOT, "outcomes: %d converted, %d not converted, %d failed to %s (%d sent early)%n",
                    outcomes.converted(), outcomes.notConverted(), outcomes.failed(), outcomes.topic(), outcomes.sentEarly());
        }
        JsonLine.print(spec.commandLine().getOut(), summary);
        return summary.failed() == 0 && (outcomes == null || outcomes.failed() == 0) ? 0 : 1;
    }

    private OutcomeDraw outcomeDraw(long seed) {
        try {
            return new OutcomeDraw(seed, outcomeDelayMean, outcomeDelayMin, outcomeShare, winsOnly);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
