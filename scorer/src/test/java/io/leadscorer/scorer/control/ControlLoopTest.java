package io.leadscorer.scorer.control;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.leadscorer.avro.ModelAction;
import io.leadscorer.avro.ModelCommand;
import io.leadscorer.avro.ModelStatus;
import io.leadscorer.model.bundle.BundleLimits;
import io.leadscorer.schemas.registry.SchemaRegistryConfig;
import io.leadscorer.schemas.serde.AvroWireSerde;
import io.leadscorer.scorer.metrics.ScorerMetrics;
import io.leadscorer.scorer.predict.ActiveGeneration;
import io.leadscorer.scorer.predict.Generation;
import io.leadscorer.scorer.testing.BadBundles;
import io.leadscorer.scorer.testing.BadBundles.Candidate;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class ControlLoopTest {

    private static final String TOPIC = "control";
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

    @TempDir
    Path tmp;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ScorerMetrics metrics = new ScorerMetrics(registry);
    private final ActiveGeneration active = new ActiveGeneration();
    private final List<ModelCommand> commands = new ArrayList<>();
    private final List<MockConsumer<byte[], byte[]>> opened = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeModels() {
        active.close();
    }

    @Test
    void aFailedConsumerIsReplacedAndTheLoopGoesOnFromTheFirstUnreadCommand() {
        Path store = tmp.resolve("models");
        Candidate first = BadBundles.valid(store, 1);
        Candidate second = BadBundles.valid(store, 2);
        Candidate third = BadBundles.valid(store, 3);
        commands.addAll(List.of(deploy(first, 10), deploy(second, 11), deploy(third, 12)));

        MockConsumer<byte[], byte[]> failing = consumer(1);
        failing.schedulePollTask(() -> failing.addRecord(record(0)));
        failing.schedulePollTask(() -> failing.addRecord(record(1)));
        failing.schedulePollTask(() -> failing.setPollException(new KafkaException("not authorised to read control")));
        MockConsumer<byte[], byte[]> replacement = consumer(3);
        replacement.schedulePollTask(() -> {
            for (int offset = 0; offset < 3; offset++) {
                replacement.addRecord(record(offset));
            }
        });
        List<MockConsumer<byte[], byte[]>> supply = new ArrayList<>(List.of(failing, replacement));

        try (ControlLoop loop = new ControlLoop(() -> next(supply), decoder(), TOPIC, "lead-scorer", deployer(store))) {
            loop.start();
            waitUntilServing(third.modelId());
        }

        assertThat(opened).containsExactly(failing, replacement);
        assertThat(failing.closed()).isTrue();
        assertThat(registry.get("leadscorer.model.commands").tag("outcome", "active").counter().count())
                .as("each command applied once: the startup one, the one before the failure, the one after").isEqualTo(3);
        assertThat(registry.get("leadscorer.model.commands").tag("outcome", "ignored").counter().count())
                .as("the replacement did not read the commands already applied again").isZero();
    }

    @Test
    void anUndecodableCommandIsSkippedWithItsReasonAndTheNextValidOneApplies() {
        Path store = tmp.resolve("models");
        Candidate bundle = BadBundles.valid(store, 1);
        AvroWireSerde<ModelCommand> serde = AvroWireSerde.of(ModelCommand.class,
                Map.of(SchemaRegistryConfig.URL, "mock://control-loop-test"), false);
        byte[] valid = serde.serializer().serialize(TOPIC, deploy(bundle, 10));
        byte[] unknownSchema = valid.clone();
        ByteBuffer.wrap(unknownSchema).putInt(1, 999_999);
        byte[] garbage = "DEPLOY everything".getBytes(StandardCharsets.UTF_8);

        MockConsumer<byte[], byte[]> consumer = consumer(1);
        consumer.schedulePollTask(() -> consumer.addRecord(record(0, garbage)));
        consumer.schedulePollTask(() -> {
            consumer.addRecord(record(1, unknownSchema));
            consumer.addRecord(record(2, valid));
        });
        List<MockConsumer<byte[], byte[]>> supply = new ArrayList<>(List.of(consumer));
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger loopLogger = (Logger) LoggerFactory.getLogger(ControlLoop.class);
        loopLogger.addAppender(log);
        try (ControlLoop loop = new ControlLoop(() -> next(supply), serde.deserializer(), TOPIC, "lead-scorer",
                deployer(store))) {
            loop.start();
            waitUntilServing(bundle.modelId());
        } finally {
            loopLogger.detachAppender(log);
        }

        assertThat(opened).as("the consumer went on: no failure, no replacement").containsExactly(consumer);
        assertThat(log.list).filteredOn(event -> event.getLevel() == Level.WARN)
                .extracting(ILoggingEvent::getFormattedMessage)
                .satisfiesExactly(
                        line -> assertThat(line).contains(TOPIC + "-0@0 that does not decode").contains("magic byte"),
                        line -> assertThat(line).contains(TOPIC + "-0@1 that does not decode")
                                .contains("Unknown schema id 999999"));
        assertThat(registry.get("leadscorer.model.commands").tag("outcome", "active").counter().count()).isEqualTo(1);
    }

    @Test
    void aCommandReadWhileTheRegistryIsUnreachableIsReadAgainNotSkipped() {
        Path store = tmp.resolve("models");
        Candidate first = BadBundles.valid(store, 1);
        Candidate second = BadBundles.valid(store, 2);
        commands.addAll(List.of(deploy(first, 10), deploy(second, 11)));
        java.util.concurrent.atomic.AtomicInteger outages = new java.util.concurrent.atomic.AtomicInteger(1);
        Deserializer<ModelCommand> flaky = (topic, value) -> {
            int index = Integer.parseInt(new String(value, StandardCharsets.UTF_8));
            if (index == 1 && outages.getAndDecrement() > 0) {
                throw new io.leadscorer.schemas.serde.RegistryUnavailableException("registry down", null);
            }
            return commands.get(index);
        };
        MockConsumer<byte[], byte[]> failing = consumer(1);
        failing.schedulePollTask(() -> failing.addRecord(record(0)));
        failing.schedulePollTask(() -> failing.addRecord(record(1)));
        MockConsumer<byte[], byte[]> replacement = consumer(1);
        replacement.schedulePollTask(() -> replacement.addRecord(record(1)));
        List<MockConsumer<byte[], byte[]>> supply = new ArrayList<>(List.of(failing, replacement));

        try (ControlLoop loop = new ControlLoop(() -> next(supply), flaky, TOPIC, "lead-scorer", deployer(store))) {
            loop.start();
            waitUntilServing(second.modelId());
        }

        assertThat(opened).containsExactly(failing, replacement);
        assertThat(registry.get("leadscorer.model.commands").tag("outcome", "active").counter().count()).isEqualTo(2);
    }

    /** Fails the test if the loop never gets there (a generous guard against a hang, not a performance bound). */
    private void waitUntilServing(String modelId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!serving().equals(modelId)) {
            assertThat(System.nanoTime()).as("still serving %s, waiting for %s", serving(), modelId).isLessThan(deadline);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private MockConsumer<byte[], byte[]> next(List<MockConsumer<byte[], byte[]>> supply) {
        MockConsumer<byte[], byte[]> consumer = supply.remove(0);
        opened.add(consumer);
        return consumer;
    }

    private static MockConsumer<byte[], byte[]> consumer(long endOffset) {
        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>(OffsetResetStrategy.EARLIEST);
        consumer.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, null, null, null)));
        consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
        consumer.updateEndOffsets(Map.of(PARTITION, endOffset));
        return consumer;
    }

    private static ConsumerRecord<byte[], byte[]> record(int offset) {
        return record(offset, Integer.toString(offset).getBytes(StandardCharsets.UTF_8));
    }

    private static ConsumerRecord<byte[], byte[]> record(int offset, byte[] value) {
        return new ConsumerRecord<>(TOPIC, 0, offset, "lead-scorer".getBytes(StandardCharsets.UTF_8), value);
    }

    private Deserializer<ModelCommand> decoder() {
        return (topic, value) -> commands.get(Integer.parseInt(new String(value, StandardCharsets.UTF_8)));
    }

    private ModelDeployer deployer(Path store) {
        MockProducer<String, ModelStatus> statuses = new MockProducer<>(true, new StringSerializer(),
                (topic, status) -> new byte[0]);
        return new ModelDeployer(new BundleLocator(store),
                new GenerationLoader(Device.cpu(), BundleLimits.DEFAULT, 4, 1, g -> metrics.generationClosed()), active,
                new ModelStatusPublisher(statuses, "status", "instance-1", Clock.systemUTC()), metrics,
                tmp.resolve("no-initial-bundle"), Clock.systemUTC());
    }

    private static ModelCommand deploy(Candidate bundle, long sequence) {
        return ModelCommand.newBuilder().setAction(ModelAction.DEPLOY).setModelId(bundle.modelId())
                .setBundleUri(bundle.dir().toUri().toString()).setManifestSha256(bundle.manifestSha256())
                .setSequence(sequence).setRequestedTime(Instant.now()).build();
    }

    private String serving() {
        return active.current().map(Generation::modelId).orElse("none");
    }
}
