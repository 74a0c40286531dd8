package io.leadscorer.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.leadscorer.avro.ModelAction;
import io.leadscorer.avro.ModelCommand;
import io.leadscorer.avro.ModelState;
import io.leadscorer.avro.ModelStatus;
import io.leadscorer.model.bundle.Bundle;
import io.leadscorer.model.testing.TinyBundles;
import io.leadscorer.schemas.registry.SchemaRegistryConfig;
import io.leadscorer.schemas.serde.AvroWireDeserializer;
import io.leadscorer.schemas.serde.AvroWireSerdeConfig;
import io.leadscorer.schemas.serde.AvroWireSerializer;
import io.leadscorer.embedded.EmbeddedKafkaCluster;
import io.leadscorer.trainer.testing.TrainerRun;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * `deploy`, `rollback` and `status` against the in-JVM broker. The scorers' answers on the status topic are written
 * here as two instances would write them (the scorer's own tests cover the instances).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperatorCommandsIntegrationTest {

    private static final String REGISTRY = "mock://operator-commands";

    @TempDir
    static Path store;

    private EmbeddedKafkaCluster kafka;
    private Bundle first;
    private Bundle second;

    @BeforeAll
    void start() {
        kafka = EmbeddedKafkaCluster.start();
        kafka.createCompactedTopic("lead-scorer.control", 1);
        kafka.createTopic("lead-scorer.status", 1);
        first = TinyBundles.create(store, 1);
        second = TinyBundles.create(store, 2);
    }

    @AfterAll
    void stop() {
        kafka.close();
    }

    private TrainerRun run(String command, String... args) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(List.of(args));
        all.addAll(List.of("--bootstrap", kafka.bootstrapServers(), "--registry", REGISTRY));
        return TrainerRun.of(all.toArray(String[]::new));
    }

    @Test
    void deployRollbackAndStatusFollowOneRollout() throws Exception {
        TrainerRun none = run("status", "--timeout", "1");
        assertThat(none.exitCode()).as(none.toString()).isEqualTo(1);
        assertThat(none.out()).contains("no command for lead-scorer on lead-scorer.control");

        TrainerRun deploy = run("deploy", "--bundle", second.dir().toUri().toString());
        assertThat(deploy.exitCode()).as(deploy.toString()).isZero();
        assertThat(deploy.out()).contains("DEPLOY " + second.modelId() + " to lead-scorer sent to lead-scorer.control");

        TrainerRun unanswered = run("status", "--timeout", "1");
        assertThat(unanswered.exitCode()).isEqualTo(1);
        assertThat(unanswered.out()).contains("DEPLOY " + second.modelId()).contains("no instance answered within 1 s");

        answer("scorer-a", second.modelId(), ModelState.LOADING, null);
        answer("scorer-b", second.modelId(), ModelState.LOADING, null);
        answer("scorer-a", second.modelId(), ModelState.ACTIVE, null);
        answer("scorer-b", second.modelId(), ModelState.ACTIVE, null);
        TrainerRun serving = run("status", "--timeout", "10");
        assertThat(serving.exitCode()).as(serving.toString()).isZero();
        assertThat(serving.out()).containsPattern("scorer-a +ACTIVE").containsPattern("scorer-b +ACTIVE")
                .contains("serving on every instance that answered");

        TrainerRun rollback = run("rollback", "--to", first.modelId(), "--store", store.toString());
        assertThat(rollback.exitCode()).as(rollback.toString()).isZero();
        answer("scorer-a", first.modelId(), ModelState.ACTIVE, null);
        answer("scorer-b", first.modelId(), ModelState.REJECTED, "model.safetensors has SHA-256 0000");
        TrainerRun rejected = run("status", "--timeout", "10");
        assertThat(rejected.exitCode()).isEqualTo(1);
        assertThat(rejected.out()).contains("ROLLBACK " + first.modelId()).containsPattern("scorer-b +REJECTED")
                .contains("model.safetensors has SHA-256 0000").contains("NOT serving everywhere");

        List<ConsumerRecord<String, ModelCommand>> commands = commands();
        assertThat(commands).extracting(ConsumerRecord::key, r -> r.value().getAction(), r -> r.value().getModelId())
                .containsExactly(tuple("lead-scorer", ModelAction.DEPLOY, second.modelId()),
                        tuple("lead-scorer", ModelAction.ROLLBACK, first.modelId()));
        assertThat(commands.get(1).value().getSequence()).isGreaterThan(commands.get(0).value().getSequence());
        assertThat(commands.get(1).value().getManifestSha256()).isEqualTo(first.manifestSha256());

        Bundle unused = TinyBundles.create(store, 3);
        TrainerRun models = run("models", "--store", store.toString());
        assertThat(models.exitCode()).as(models.toString()).isZero();
        assertThat(models.out()).contains("3 bundle(s)")
                .containsPattern(first.modelId() + " .*lead-scorer \\(ROLLBACK\\), active on scorer-a")
                .containsPattern(second.modelId() + " .*active on scorer-b");

        TrainerRun dryRun = run("models", "--store", store.toString(), "--prune", "--keep", "0", "--dry-run");
        assertThat(dryRun.out()).contains("would remove " + unused.modelId()).doesNotContain("would remove " + first.modelId())
                .doesNotContain("would remove " + second.modelId());
        assertThat(unused.dir()).exists();
        TrainerRun pruned = run("models", "--store", store.toString(), "--prune", "--keep", "0");
        assertThat(pruned.exitCode()).as(pruned.toString()).isZero();
        assertThat(pruned.out()).contains("1 bundle(s) removed; 2 kept");
        assertThat(unused.dir()).doesNotExist();
        assertThat(first.dir()).exists();
        assertThat(second.dir()).exists();

        TrainerRun offline = run("models", "--store", store.toString(), "--prune", "--offline");
        assertThat(offline.exitCode()).as("retention needs to know what is in use").isEqualTo(2);
    }

    @Test
    void refusesABundleThatIsNotALocalDirectoryOrDoesNotVerify() {
        TrainerRun remote = run("deploy", "--bundle", "s3://bucket/" + first.modelId());
        assertThat(remote.exitCode()).isEqualTo(2);
        assertThat(remote.err()).contains("only a directory or a file: URI");

        TrainerRun missing = run("rollback", "--to", "no-such-model", "--store", store.toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("no-such-model");
    }

    private void answer(String instance, String modelId, ModelState state, String reason) throws Exception {
        try (KafkaProducer<String, ModelStatus> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroWireSerializer.class.getName(),
                SchemaRegistryConfig.URL, REGISTRY))) {
            producer.send(new ProducerRecord<>("lead-scorer.status", instance, ModelStatus.newBuilder()
                    .setInstance(instance).setModelId(modelId).setState(state).setReason(reason).setTime(Instant.now())
                    .build())).get(30, TimeUnit.SECONDS);
        }
    }

    private List<ConsumerRecord<String, ModelCommand>> commands() {
        try (KafkaConsumer<String, ModelCommand> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroWireDeserializer.class.getName(),
                SchemaRegistryConfig.URL, REGISTRY,
                AvroWireSerdeConfig.SPECIFIC_AVRO_VALUE_TYPE, ModelCommand.class.getName()))) {
            TopicPartition partition = new TopicPartition("lead-scorer.control", 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            List<ConsumerRecord<String, ModelCommand>> received = new ArrayList<>();
            while (consumer.position(partition) < end) {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            }
            return received;
        }
    }
}
