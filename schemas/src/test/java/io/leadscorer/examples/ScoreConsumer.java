package io.leadscorer.examples;

import io.leadscorer.avro.Reason;
import io.leadscorer.avro.ScoredLead;
import io.leadscorer.schemas.serde.AvroWireDeserializer;
import io.leadscorer.schemas.serde.AvroWireSerdeConfig;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * An integrator's reader of {@code mql.scores}, the example docs/INTEGRATION.md shows: a plain {@link KafkaConsumer}
 * that sees committed scores only, with values decoded from the Confluent wire format against the schema registry
 * over HTTP, printing one line per score (lead id, tier, percentile, reasons). It needs only kafka-clients and the
 * {@code schemas} jar; Confluent's {@code KafkaAvroDeserializer} reads the same records where Confluent's repository
 * is at hand.
 */
public final class ScoreConsumer implements AutoCloseable {

    public static final String TOPIC = "mql.scores";

    private final KafkaConsumer<String, ScoredLead> consumer;

    public ScoreConsumer(String bootstrapServers, String registryUrl, String groupId) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, groupId,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroWireDeserializer.class.getName(),
                "schema.registry.url", registryUrl,
                AvroWireSerdeConfig.SPECIFIC_AVRO_VALUE_TYPE, ScoredLead.class.getName()));
        consumer.subscribe(List.of(TOPIC));
    }

    /** Arguments: bootstrap servers, registry URL, and optionally the consumer group (default score-printer). */
    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: ScoreConsumer BOOTSTRAP_SERVERS REGISTRY_URL [GROUP_ID]");
            System.exit(2);
        }
        try (ScoreConsumer scores = new ScoreConsumer(args[0], args[1], args.length > 2 ? args[2] : "score-printer")) {
            Thread main = Thread.currentThread();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                scores.consumer.wakeup();
                try {
                    main.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            while (true) {
                scores.printNext(System.out);
            }
        } catch (WakeupException stopped) {
            // Ctrl-C: the consumer leaves its group as it closes
        }
    }

    /** Polls once and prints a line per score received; returns how many it printed. */
    public int printNext(PrintStream out) {
        int printed = 0;
        for (ConsumerRecord<String, ScoredLead> record : consumer.poll(Duration.ofSeconds(1))) {
            out.println(line(record.value()));
            printed++;
        }
        out.flush();
        return printed;
    }

    /** {@code lead-0001 tier=A percentile=97.5 reasons: customer_idx=2333 (+0.61), ...}; {@code -} for no tier. */
    public static String line(ScoredLead score) {
        StringJoiner reasons = new StringJoiner(", ");
        for (Reason reason : score.getReasons()) {
            reasons.add(String.format(Locale.ROOT, "%s=%s (%+.2f)", reason.getColumn(), reason.getValue(),
                    reason.getContribution()));
        }
        return String.format(Locale.ROOT, "%s tier=%s percentile=%s reasons: %s", score.getLeadId(),
                score.getTier() == null ? "-" : score.getTier(),
                score.getPercentile() == null ? "-" : String.format(Locale.ROOT, "%.1f", score.getPercentile()),
                reasons.length() == 0 ? "none" : reasons);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
