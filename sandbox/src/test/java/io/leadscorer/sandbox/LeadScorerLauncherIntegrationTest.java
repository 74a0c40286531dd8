package io.leadscorer.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadscorer.avro.MqlEvent;
import io.leadscorer.avro.ScoredLead;
import io.leadscorer.embedded.EmbeddedKafkaCluster;
import io.leadscorer.embedded.HttpSchemaRegistryServer;
import io.leadscorer.model.bundle.Bundle;
import io.leadscorer.model.testing.TinyBundles;
import io.leadscorer.schemas.registry.SchemaRegistryConfig;
import io.leadscorer.schemas.serde.AvroWireDeserializer;
import io.leadscorer.schemas.serde.AvroWireSerializer;
import io.leadscorer.simulator.world.MqlWorld;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./lead-scorer score} against a live broker and a Schema Registry over HTTP, configured as a user would:
 * {@code --name=value} arguments over the scorer's application.yml, in a JVM of its own started as the script starts
 * it (the launcher's main class on this module's class path). Leads in, one score each out, readiness UP; then SIGTERM,
 * as an orchestrator stops the service: it drains, exits, and its log has no ERROR line.
 */
class LeadScorerLauncherIntegrationTest {

    private static final int LEADS = 20;
    private static final Duration GUARD = Duration.ofSeconds(120);
    private static final Pattern SERVER_RUNNING = Pattern.compile("Server Running: http://[^:]+:(\\d+)");

    @TempDir
    Path tmp;

    @Test
    void scoreRunsTheScorerServiceOnTheInitialBundleAndStopsCleanlyOnSigterm() throws Exception {
        try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.start();
             HttpSchemaRegistryServer registry = HttpSchemaRegistryServer.start()) {
            kafka.createTopic("mql.events", 1);
            kafka.createTopic("mql.scores", 1);
            kafka.createTopic("mql.scores.shadow", 1);
            kafka.createTopic("mql.events.dlq", 1);
            kafka.createCompactedTopic("lead-scorer.control", 1);
            kafka.createTopic("lead-scorer.status", 1);
            Path store = tmp.resolve("models");
            Bundle bundle = TinyBundles.create(store);
            Path log = tmp.resolve("score.log");

            Process service = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx1g", "-Dai.djl.offline=true", "-Djava.awt.headless=true",
                    "-cp", System.getProperty("java.class.path"), LeadScorerLauncher.class.getName(), "score",
                    "--scorer.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                    "--scorer.registry.url=" + registry.url(),
                    "--scorer.kafka.state-dir=" + tmp.resolve("state"),
                    "--scorer.model.store=" + store,
                    "--scorer.model.initial-bundle=" + bundle.dir(),
                    "--scorer.instance-id=score-command-test",
                    "--micronaut.server.port=-1")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                int port = awaitServer(service, log);
                produce(kafka.bootstrapServers(), registry.url());
                Map<String, ScoredLead> scores = readScores(kafka.bootstrapServers(), registry.url());

                assertThat(scores).as("scores; the service's log:%n%s", Files.readString(log)).hasSize(LEADS);
                assertThat(scores.values()).allSatisfy(score -> {
                    assertThat(score.getModelId()).isEqualTo(bundle.modelId());
                    assertThat(score.getProbability()).isBetween(0.0, 1.0);
                });
                HttpResponse<String> readiness = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/health/readiness")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
                assertThat(readiness.body()).contains("UP");

                service.destroy();
                assertThat(service.waitFor(GUARD.toSeconds(), TimeUnit.SECONDS))
                        .as("exited after SIGTERM; the service's log:%n%s", Files.readString(log)).isTrue();
            } finally {
                service.destroyForcibly();
            }
            List<String> lines = Files.readAllLines(log);
            assertThat(lines).as("the service's log").anySatisfy(line -> assertThat(line).contains("Scorer stopped"));
            assertThat(lines).as("ERROR lines in the service's log").filteredOn(line -> line.contains(" ERROR "))
                    .isEmpty();
        }
    }

    /** The service's HTTP port, once its log says the server runs. */
    private static int awaitServer(Process service, Path log) throws Exception {
        long deadline = System.nanoTime() + GUARD.toNanos();
        while (System.nanoTime() < deadline && service.isAlive()) {
            Matcher running = SERVER_RUNNING.matcher(Files.readString(log));
            if (running.find()) {
                return Integer.parseInt(running.group(1));
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the service's server did not start (alive: " + service.isAlive() + "); its log:\n"
                + Files.readString(log));
    }

    private static void produce(String bootstrap, String registryUrl) {
        AvroWireSerializer<MqlEvent> values = new AvroWireSerializer<>();
        values.configure(Map.of(SchemaRegistryConfig.URL, registryUrl), false);
        MqlWorld world = MqlWorld.create(7);
        try (KafkaProducer<String, MqlEvent> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(), values)) {
            for (int i = 0; i < LEADS; i++) {
                MqlEvent event = world.lead(i).event();
                event.setEventTime(Instant.now());
                producer.send(new ProducerRecord<>("mql.events", event.getLeadId(), event));
            }
        }
    }

    /** The scores a read_committed consumer sees, by lead id, once there is one for every lead produced. */
    private static Map<String, ScoredLead> readScores(String bootstrap, String registryUrl) {
        AvroWireDeserializer<ScoredLead> values = new AvroWireDeserializer<>(ScoredLead.class);
        values.configure(Map.of(SchemaRegistryConfig.URL, registryUrl), false);
        Map<String, ScoredLead> scores = new HashMap<>();
        long deadline = System.nanoTime() + GUARD.toNanos();
        try (KafkaConsumer<String, ScoredLead> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "score-command-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), values)) {
            consumer.subscribe(List.of("mql.scores"));
            while (scores.size() < LEADS && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, ScoredLead> record : consumer.poll(Duration.ofMillis(200))) {
                    assertThat(scores.put(record.key(), record.value())).as("a second score for %s", record.key()).isNull();
                }
            }
        }
        return scores;
    }
}
