package io.leadscorer.monitor.cli;

import io.leadscorer.avro.ModelQuality;
import io.leadscorer.schemas.registry.SchemaRegistryConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./lead-scorer quality}: each model's live quality as the monitor last wrote it to the quality topic. Exit 0
 * with figures, 1 when there are none yet, 2 when the topic cannot be read.
 */
@Command(name = "quality", mixinStandardHelpOptions = true,
        description = "Prints each model's live quality (labelled leads, AUC, log loss, Brier, ECE, precision, recall,"
                + " F1 at the bundle threshold, score and input drift) from the monitor's quality topic.")
public final class QualityCommand implements Callable<Integer> {

    @Option(names = "--bootstrap", defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}",
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}, from KAFKA_BOOTSTRAP_SERVERS when set).")
    String bootstrap;

    @Option(names = "--registry", defaultValue = "${env:SCHEMA_REGISTRY_URL:-http://localhost:8081}",
            description = "Schema Registry URL (default: ${DEFAULT-VALUE}, from SCHEMA_REGISTRY_URL when set).")
    String registry;

    @Option(names = "--topic", defaultValue = "${env:MONITOR_TOPICS_QUALITY:-lead-scorer.quality}",
            description = "The quality topic (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--model", description = "Only this model.")
    String model;

    @Option(names = "--windows", defaultValue = "5", description = "Newest windows shown per model (default: ${DEFAULT-VALUE}).")
    int windows;

    @Option(names = "--timeout", defaultValue = "30", description = "Seconds to read the topic in (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(names = {"-X", "--config"}, paramLabel = "KEY=VALUE", mapFallbackValue = "",
            description = "A Kafka client or registry setting (security.protocol=SSL, basic.auth.user.info=...).")
    Map<String, String> settings = new HashMap<>();

    @Override
    public Integer call() {
        Map<String, Object> client = new HashMap<>();
        Map<String, Object> serde = new HashMap<>(settings);
        settings.forEach((key, value) -> {
            if (ConsumerConfig.configNames().contains(key)) {
                client.put(key, value);
            }
        });
        client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        serde.put(SchemaRegistryConfig.URL, registry);
        Map<String, ModelQuality> latest;
        try {
            latest = QualityReader.latest(client, serde, topic, Duration.ofSeconds(timeoutSeconds));
        } catch (KafkaException e) {
            System.err.printf("cannot read %s from %s within %d s: %s%n", topic, bootstrap, timeoutSeconds, e.getMessage());
            return 2;
        }
        QualityTable.print(System.out, latest, model, windows);
        return latest.isEmpty() ? 1 : 0;
    }

    public static int run(String... args) {
        return new CommandLine(new QualityCommand()).setCommandName("./lead-scorer quality").execute(args);
    }
}
