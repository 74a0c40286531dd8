package io.leadscorer.simulator.cli;

import io.leadscorer.avro.MqlEvent;
import io.leadscorer.simulator.produce.EventProducer;
import io.leadscorer.simulator.produce.ProduceSummary;
import java.io.PrintWriter;
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
import picocli.CommandLine.Spec;

/** {@code simulator produce}: live MQL load, Avro events to Kafka at a steady rate. */
@Command(name = "produce", mixinStandardHelpOptions = true,
        description = "Sends simulated leads to Kafka as MqlEvent Avro records (Confluent wire format, key = lead id) at a steady rate.")
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

    @Override
    public Integer call() throws Exception {
        if (count < 0) {
            throw new IllegalArgumentException("--count must not be negative");
        }
        PrintWriter err = spec.commandLine().getErr();
        EventProducer.Plan plan = new EventProducer.Plan(topic, count, rate, !simulatedTime,
                (long) (progressEverySeconds * TimeUnit.SECONDS.toNanos(1)));
        ProduceSummary summary;
        try (Producer<String, MqlEvent> producer = EventProducer.kafkaProducer(bootstrap, registry, settings)) {
            summary = new EventProducer(producer).run(options.world(), plan, progress -> {
                err.printf(Locale.ROOT, "sent %d/%d, failed %d, %.1f events/s%n",
                        progress.sent(), progress.planned(), progress.failed(), progress.rate());
                err.flush();
            });
        }
        if (summary.firstError() != null) {
            err.println("first failure: " + summary.firstError());
        }
        err.printf(Locale.ROOT, "done: %d sent, %d failed to %s in %.1f s (%.1f events/s, target %s)%n", summary.sent(),
                summary.failed(), topic, summary.seconds(), summary.rate(), rate > 0 ? String.valueOf(rate) : "unpaced");
        JsonLine.print(spec.commandLine().getOut(), summary);
        return summary.failed() == 0 ? 0 : 1;
    }
}
