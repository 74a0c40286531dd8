package io.leadscorer.scorer;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.leadscorer.avro.MqlEvent;
import io.leadscorer.model.bundle.Bundle;
import io.leadscorer.model.testing.TinyBundles;
import io.leadscorer.schemas.serde.AvroWireSerde;
import io.leadscorer.embedded.EmbeddedKafkaCluster;
import io.leadscorer.scorer.config.ScorerSettings;
import io.leadscorer.scorer.config.ScorerStreamsConfig;
import io.leadscorer.scorer.control.ModelDeployer;
import io.leadscorer.scorer.runtime.ScorerService;
import io.leadscorer.scorer.testing.Leads;
import io.leadscorer.scorer.testing.ScoresReader;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

/**
 * The whole service: application.yml plus environment overrides (set for this test JVM in the pom: SCORER_BATCH_SIZE,
 * SCORER_TOPICS_DEAD_LETTER, KAFKA_SASL_MECHANISM), against the in-JVM broker; health, readiness, liveness and
 * Prometheus over HTTP, the startup log, and a few leads scored end to end.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScorerApplicationTest implements TestPropertyProvider {

    private static final String REGISTRY = "mock://scorer-application";
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(30);
    /** A secret given to the service as registry and Kafka credentials; it must never come back out. */
    private static final String CANARY = "CANARY-" + Long.toHexString(System.nanoTime());
    /** The Kafka client configurations whose INFO log lists every setting (passwords as [hidden]). */
    private static final List<Class<?>> CLIENT_CONFIGS = List.of(ProducerConfig.class,
            org.apache.kafka.clients.consumer.ConsumerConfig.class, org.apache.kafka.clients.admin.AdminClientConfig.class,
            org.apache.kafka.streams.StreamsConfig.class);

    private EmbeddedKafkaCluster kafka;
    private Bundle bundle;
    private final ListAppender<ILoggingEvent> startupLog = new ListAppender<>();
    private final ListAppender<ILoggingEvent> allLogs = new ListAppender<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(HTTP_TIMEOUT).build();

    @Inject
    ApplicationContext context;

    @Inject
    EmbeddedServer server;

    @Inject
    ScorerSettings settings;

    @Override
    public Map<String, String> getProperties() {
        try {
            startupLog.start();
            allLogs.start();
            ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(allLogs);
            // Kafka clients log their whole configuration at INFO: capture it (not in the build log) for the canary.
            for (Class<?> config : CLIENT_CONFIGS) {
                Logger clientConfigs = (Logger) LoggerFactory.getLogger(config);
                clientConfigs.setLevel(Level.INFO);
                clientConfigs.setAdditive(false);
                clientConfigs.addAppender(allLogs);
            }
            ((Logger) LoggerFactory.getLogger(ScorerService.class)).addAppender(startupLog);
            ((Logger) LoggerFactory.getLogger(ModelDeployer.class)).addAppender(startupLog);
            Path tmp = Files.createTempDirectory("scorer-application-test");
            bundle = TinyBundles.create(tmp.resolve("models"));
            kafka = EmbeddedKafkaCluster.start();
            kafka.createTopic("mql.events", 2);
            kafka.createTopic("mql.scores", 2);
            kafka.createTopic("mql.events.dead", 1);
            kafka.createTopic("lead-scorer.control", 1);
            kafka.createTopic("lead-scorer.status", 1);
            return Map.of(
                    "scorer.registry.basic-auth-user-info", "scorer:" + CANARY,
                    "scorer.kafka.properties.ssl.key.password", CANARY,
                    "micronaut.server.port", "-1",
                    "scorer.kafka.bootstrap-servers", kafka.bootstrapServers(),
                    "scorer.kafka.state-dir", tmp.resolve("state").toString(),
                    "scorer.registry.url", REGISTRY,
                    "scorer.model.initial-bundle", bundle.dir().toString(),
                    "scorer.model.store", tmp.resolve("models").toString(),
                    "scorer.model.device", "cpu");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The service first (it drains and closes its streams against a live broker), then the broker. */
    @AfterAll
    void stopServiceThenKafka() {
        try {
            context.close();
        } finally {
            ((Logger) LoggerFactory.getLogger(ScorerService.class)).detachAppender(startupLog);
            ((Logger) LoggerFactory.getLogger(ModelDeployer.class)).detachAppender(startupLog);
            ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(allLogs);
            for (Class<?> config : CLIENT_CONFIGS) {
                Logger clientConfigs = (Logger) LoggerFactory.getLogger(config);
                clientConfigs.detachAppender(allLogs);
                clientConfigs.setLevel(null);
                clientConfigs.setAdditive(true);
            }
            if (kafka != null) {
                kafka.close();
            }
        }
    }

    @Test
    void bindsApplicationYmlWithEnvironmentOverrides() {
        assertThat(settings.batch().size()).isEqualTo(7);
        assertThat(settings.batch().maxWait()).isEqualTo(Duration.ofMillis(50));
        assertThat(settings.topics().deadLetter()).isEqualTo("mql.events.dead");
        assertThat(settings.topics().input()).isEqualTo("mql.events");
        assertThat(settings.topics().output()).isEqualTo("mql.scores");
        assertThat(settings.kafka().processingGuarantee()).isEqualTo("exactly_once_v2");
        assertThat(settings.applicationId()).isEqualTo("lead-scorer");
        assertThat(ScorerStreamsConfig.properties(settings))
                .containsEntry("processing.guarantee", "exactly_once_v2")
                .containsEntry("sasl.mechanism", "PLAIN")
                .doesNotContainKeys("sasl.jaas.config", "ssl.truststore.location");
    }

    @Test
    void logsTopicsModelDeviceAndBatchSettingsAtStartup() {
        List<String> lines = startupLog.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines).anySatisfy(line -> assertThat(line)
                .contains("Model " + bundle.modelId() + " (generation 1) serving from " + bundle.dir() + " on cpu()"));
        assertThat(lines).anySatisfy(line -> assertThat(line)
                .contains("Scoring mql.events -> mql.scores (dead letters mql.events.dead, shadow scores "
                        + "mql.scores.shadow)").contains("exactly_once_v2"));
        assertThat(lines).anySatisfy(line -> assertThat(line)
                .contains("on cpu(), commands on lead-scorer.control, status on lead-scorer.status; batches of up to 7 "
                        + "leads, maximum wait 50 ms"));
    }

    @Test
    void reportsHealthAndMetricsAndScoresLeads() throws Exception {
        awaitStatus("/health", 200);
        assertThat(get("/health/liveness").statusCode()).isEqualTo(200);
        HttpResponse<String> readiness = get("/health/readiness");
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("RUNNING").contains(bundle.modelId());

        Serializer<MqlEvent> events = AvroWireSerde.of(MqlEvent.class, ScorerStreamsConfig.serdeConfig(settings), false)
                .serializer();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer());
             ScoresReader reader = new ScoresReader(kafka.bootstrapServers(), REGISTRY, "mql.scores", "mql.events.dead")) {
            for (MqlEvent lead : Leads.leads("app", 3, Instant.now())) {
                producer.send(new ProducerRecord<>("mql.events", lead.getLeadId().getBytes(StandardCharsets.UTF_8),
                        events.serialize("mql.events", lead)));
            }
            producer.send(new ProducerRecord<>("mql.events", "junk".getBytes(StandardCharsets.UTF_8), new byte[] {9}));
            producer.flush();
            reader.awaitAtLeast(3, 1, Duration.ofMinutes(2));
            reader.drainFor(Duration.ofMillis(500));
            assertThat(reader.scores).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("app-0", "app-1", "app-2");
            assertThat(reader.scores).allSatisfy(r -> assertThat(r.value().getModelId()).isEqualTo(bundle.modelId()));
            assertThat(reader.deadLetters).singleElement().satisfies(r -> assertThat(r.value()).containsExactly(9));
            assertThat(reader.deadLetters).allSatisfy(r -> r.headers().forEach(header ->
                    assertThat(new String(header.value(), StandardCharsets.UTF_8)).doesNotContain(CANARY)));
        }

        String metrics = get("/prometheus").body();
        assertThat(metrics)
                .contains("leadscorer_model_active{model_id=\"" + bundle.modelId() + "\"} 1.0")
                .contains("leadscorer_records_in_total 4.0")
                .contains("leadscorer_records_scored_total 3.0")
                .contains("leadscorer_records_dead_lettered_total{reason=\"undecodable\"} 1.0")
                .contains("leadscorer_batch_size_leads_bucket{le=\"8.0\"}")
                .contains("leadscorer_batch_size_leads_count")
                .contains("leadscorer_batch_inference_seconds_bucket")
                .contains("leadscorer_latency_end_to_end_seconds_bucket")
                .contains("leadscorer_buffer_leads 0.0")
                .contains("leadscorer_ready 1.0")
                .contains("leadscorer_buffer_held_seconds{cause=\"REGISTRY_UNAVAILABLE\"} 0.0")
                .contains("leadscorer_model_commands_total{outcome=\"rejected\"} 0.0");
        Set<String> scraped = metrics.lines().filter(line -> !line.startsWith("#") && !line.isBlank())
                .map(line -> line.split("[{ ]", 2)[0]).collect(Collectors.toSet());
        assertThat(scraped).as("the scorer's names in deployment/prometheus/exposed-metrics.txt")
                .containsAll(exposedMetrics("scorer"));
    }

    /** The names the alert rules and the dashboard may take from a service (the deployment module checks them). */
    private static List<String> exposedMetrics(String service) throws IOException {
        Path list = Path.of(System.getProperty("basedir", ".")).resolve("../deployment/prometheus/exposed-metrics.txt");
        List<String> names = Files.readAllLines(list).stream().filter(line -> line.startsWith(service + " "))
                .map(line -> line.substring(service.length() + 1).trim()).toList();
        assertThat(names).as("%s lines in %s", service, list).isNotEmpty();
        return names;
    }

    @Test
    void onlyHealthAndPrometheusAnswerWithoutAuthentication() throws Exception {
        for (String open : List.of("/health", "/health/liveness", "/health/readiness", "/prometheus")) {
            assertThat(get(open).statusCode()).as(open).isIn(200, 503);
        }
        for (String closed : List.of("/beans", "/info", "/loggers", "/loggers/ROOT", "/refresh", "/routes", "/env",
                "/threaddump", "/caches", "/stop", "/metrics")) {
            assertThat(get(closed).statusCode()).as("GET " + closed).isIn(401, 403, 404);
            assertThat(post(closed).statusCode()).as("POST " + closed).isIn(401, 403, 404, 405);
        }
    }

    @Test
    void theCredentialsItWasGivenAppearInNoLogLineHealthAnswerOrMetric() throws Exception {
        awaitStatus("/health", 200);
        List<String> seen = new java.util.ArrayList<>();
        seen.add(get("/health").body());
        seen.add(get("/health/readiness").body());
        seen.add(get("/health/liveness").body());
        seen.add(get("/prometheus").body());
        for (ILoggingEvent event : List.copyOf(allLogs.list)) {
            seen.add(event.getFormattedMessage());
            for (var thrown = event.getThrowableProxy(); thrown != null; thrown = thrown.getCause()) {
                seen.add(thrown.getMessage());
            }
        }
        assertThat(seen).anySatisfy(text -> assertThat(text).contains("ssl.key.password = [hidden]"));
        assertThat(seen).allSatisfy(text -> assertThat(text).doesNotContain(CANARY));
    }

    private HttpResponse<String> post(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.getPort() + path))
                .POST(HttpRequest.BodyPublishers.ofString("{\"configuredLevel\":\"TRACE\"}"))
                .header("Content-Type", "application/json").timeout(HTTP_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    }

    private void awaitStatus(String path, int status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        HttpResponse<String> response = get(path);
        while (response.statusCode() != status && System.nanoTime() < deadline) {
            Thread.sleep(100);
            response = get(path);
        }
        assertThat(response.statusCode()).as("%s: %s", path, response.body()).isEqualTo(status);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.getPort() + path))
                .timeout(HTTP_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    }
}
