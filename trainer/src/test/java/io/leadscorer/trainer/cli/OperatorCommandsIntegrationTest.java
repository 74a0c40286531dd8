package io.leadscorer.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.leadscorer.avro.ModelAction;
import io.leadscorer.avro.ModelCommand;
import io.leadscorer.avro.ModelState;
import io.leadscorer.avro.ModelStatus;
import io.leadscorer.avro.RolloutEvidence;
import io.leadscorer.avro.RolloutMetric;
import io.leadscorer.avro.ServingRole;
import io.leadscorer.avro.ShadowRole;
import io.leadscorer.model.bundle.Bundle;
import io.leadscorer.model.testing.TinyBundles;
import io.leadscorer.schemas.registry.SchemaRegistryConfig;
import io.leadscorer.schemas.serde.AvroWireDeserializer;
import io.leadscorer.schemas.serde.AvroWireSerdeConfig;
import io.leadscorer.schemas.serde.AvroWireSerializer;
import io.leadscorer.embedded.EmbeddedKafkaCluster;
import io.leadscorer.trainer.testing.SimulatedCsv;
import io.leadscorer.trainer.testing.TrainerRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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
 * The operator commands (`deploy`, `shadow`, `promote`, `end-shadow`, `rollback`, `status`, `models`) and
 * `train --publish` against the in-JVM broker, each test on a deployment (control key) of its own. The scorers' answers on the status topic are written
 * here as two instances would write them (the scorer's own tests cover the instances).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperatorCommandsIntegrationTest {

    private static final String REGISTRY = "mock://operator-commands";

    @TempDir
    static Path dir;

    /** The model store of `rollback` and `models`; the other bundles live beside it, out of reach of its pruning. */
    private Path store;

    private EmbeddedKafkaCluster kafka;
    private Bundle first;
    private Bundle second;
    private Bundle third;

    @BeforeAll
    void start() throws IOException {
        store = Files.createDirectories(dir.resolve("store"));
        kafka = EmbeddedKafkaCluster.start();
        kafka.createCompactedTopic("lead-scorer.control", 1);
        kafka.createTopic("lead-scorer.status", 1);
        first = TinyBundles.create(store, 1);
        second = TinyBundles.create(store, 2);
        third = TinyBundles.create(dir.resolve("elsewhere"), 4);
    }

    @AfterAll
    void stop() {
        kafka.close();
    }

    private TrainerRun on(String target, String command, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--target", target, "--requested-by", "alice"));
        return run(command, all.toArray(String[]::new));
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
        assertThat(serving.out()).containsPattern("scorer-a +" + second.modelId() + " +- +ACTIVE")
                .containsPattern("scorer-b +" + second.modelId() + " +- +ACTIVE")
                .contains("serving on every instance that answered");

        TrainerRun rollback = run("rollback", "--to", first.modelId(), "--store", store.toString());
        assertThat(rollback.exitCode()).as(rollback.toString()).isZero();
        answer("scorer-a", first.modelId(), ModelState.ACTIVE, null);
        answer("scorer-b", first.modelId(), ModelState.REJECTED, "model.safetensors has SHA-256 0000");
        TrainerRun rejected = run("status", "--timeout", "10");
        assertThat(rejected.exitCode()).isEqualTo(1);
        assertThat(rejected.out()).contains("ROLLBACK " + first.modelId()).containsPattern("scorer-b +\\S+ +- +REJECTED")
                .contains("model.safetensors has SHA-256 0000").contains("NOT serving everywhere");

        List<ModelCommand> commands = commands("lead-scorer");
        assertThat(commands).extracting(ModelCommand::getAction, ModelCommand::getModelId)
                .containsExactly(tuple(ModelAction.DEPLOY, second.modelId()), tuple(ModelAction.ROLLBACK, first.modelId()));
        assertThat(commands.get(1).getSequence()).isGreaterThan(commands.get(0).getSequence());
        assertThat(commands.get(1).getManifestSha256()).isEqualTo(first.manifestSha256());

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
    void shadowPromoteAndEndShadowStateTheFleetsWholeServingState() throws Exception {
        String fleet = "fleet-shadow";
        TrainerRun noLive = on(fleet, "shadow", "--bundle", second.dir().toString());
        assertThat(noLive.exitCode()).as(noLive.toString()).isEqualTo(2);
        assertThat(noLive.err()).contains(fleet + " has no live model yet: a first model must be deployed");

        assertThat(on(fleet, "deploy", "--bundle", first.dir().toString()).exitCode()).isZero();
        ModelCommand firstDeploy = latest(fleet);
        assertThat(firstDeploy.getShadow()).as("nothing was live before").isNull();
        assertThat(firstDeploy.getPolicy().getMetric()).isEqualTo(RolloutMetric.LOG_LOSS);

        TrainerRun deploy = on(fleet, "deploy", "--bundle", second.dir().toString());
        assertThat(deploy.exitCode()).as(deploy.toString()).isZero();
        ModelCommand guarded = latest(fleet);
        assertThat(guarded.getModelId()).isEqualTo(second.modelId());
        assertThat(guarded.getShadow().getModelId()).isEqualTo(first.modelId());
        assertThat(guarded.getShadow().getRole()).isEqualTo(ShadowRole.PREVIOUS);
        assertThat(guarded.getShadow().getUntil()).isEqualTo(guarded.getRequestedTime().plus(Duration.ofHours(1)));
        assertThat(guarded.getShadow().getManifestSha256()).isEqualTo(first.manifestSha256());
        assertThat(deploy.out()).contains("live " + second.modelId() + ", shadow " + first.modelId() + " as PREVIOUS");

        TrainerRun shadow = on(fleet, "shadow", "--bundle", third.dir().toUri().toString(), "--max-shadow", "2h",
                "--metric", "AUC");
        assertThat(shadow.exitCode()).as(shadow.toString()).isZero();
        assertThat(shadow.out()).contains("SHADOW " + third.modelId() + " to " + fleet + " sent to lead-scorer.control");
        ModelCommand shadowing = latest(fleet);
        assertThat(shadowing.getAction()).isEqualTo(ModelAction.SHADOW);
        assertThat(shadowing.getModelId()).as("the live model stays").isEqualTo(second.modelId());
        assertThat(shadowing.getBundleUri()).isEqualTo(guarded.getBundleUri());
        assertThat(shadowing.getShadow().getModelId()).isEqualTo(third.modelId());
        assertThat(shadowing.getShadow().getRole()).isEqualTo(ShadowRole.CANDIDATE);
        assertThat(shadowing.getShadow().getUntil()).isEqualTo(shadowing.getRequestedTime().plus(Duration.ofHours(2)));
        assertThat(shadowing.getPolicy().getMetric()).isEqualTo(RolloutMetric.AUC);
        assertThat(shadowing.getRequestedBy()).isEqualTo("alice");

        answer("scorer-x", second.modelId(), ServingRole.LIVE, shadowing);
        answer("scorer-x", third.modelId(), ServingRole.SHADOW, shadowing);
        TrainerRun status = on(fleet, "status", "--timeout", "10");
        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(status.out()).contains("SHADOW " + third.modelId() + " to " + fleet)
                .containsPattern("live +" + second.modelId())
                .containsPattern("shadow +" + third.modelId() + " as CANDIDATE until ")
                .containsPattern("pinned +no")
                .containsPattern("policy +AUC, at least 300 labelled and 30 positives, margin 0.002 at 95% confidence, "
                        + "shadow at most 2h, guard 1h, PSI alarm 0.25, error-rate alarm 0.02")
                .containsPattern("scorer-x +" + second.modelId() + " +LIVE +ACTIVE")
                .containsPattern("scorer-x +" + third.modelId() + " +SHADOW +ACTIVE")
                .contains("serving on every instance that answered");

        TrainerRun other = on(fleet, "promote", "--candidate", first.modelId());
        assertThat(other.exitCode()).isEqualTo(2);
        assertThat(other.err()).contains("the candidate in shadow is " + third.modelId() + ", not " + first.modelId());
        TrainerRun promote = on(fleet, "promote", "--guard", "30m");
        assertThat(promote.exitCode()).as(promote.toString()).isZero();
        ModelCommand promoted = latest(fleet);
        assertThat(promoted.getAction()).isEqualTo(ModelAction.PROMOTE);
        assertThat(promoted.getModelId()).isEqualTo(third.modelId());
        assertThat(promoted.getManifestSha256()).isEqualTo(third.manifestSha256());
        assertThat(promoted.getShadow().getModelId()).isEqualTo(second.modelId());
        assertThat(promoted.getShadow().getRole()).isEqualTo(ShadowRole.PREVIOUS);
        assertThat(promoted.getShadow().getUntil()).isEqualTo(promoted.getRequestedTime().plus(Duration.ofMinutes(30)));

        TrainerRun ended = on(fleet, "end-shadow");
        assertThat(ended.exitCode()).as(ended.toString()).isZero();
        assertThat(latest(fleet).getAction()).isEqualTo(ModelAction.END_SHADOW);
        assertThat(latest(fleet).getModelId()).isEqualTo(third.modelId());
        assertThat(latest(fleet).getShadow()).isNull();
        TrainerRun nothingToEnd = on(fleet, "end-shadow");
        assertThat(nothingToEnd.exitCode()).isEqualTo(2);
        assertThat(nothingToEnd.err()).contains("no shadow on " + fleet + " to end");
        TrainerRun noCandidate = on(fleet, "promote");
        assertThat(noCandidate.exitCode()).isEqualTo(2);
        assertThat(noCandidate.err()).contains("no candidate in shadow on " + fleet + " to promote");

        assertThat(on(fleet, "shadow", "--bundle", first.dir().toString()).exitCode()).isZero();
        ModelCommand dismissed = ModelCommand.newBuilder(latest(fleet)).setAction(ModelAction.END_SHADOW)
                .setShadow(null).setSequence(latest(fleet).getSequence() + 1).setRequestedBy("monitor")
                .setRequestedTime(Instant.now()).setEvidence(RolloutEvidence.newBuilder()
                        .setMetric(RolloutMetric.LOG_LOSS).setLiveModel(third.modelId())
                        .setChallengerModel(first.modelId()).setLabelled(412).setPositives(48).setLiveValue(0.31)
                        .setChallengerValue(0.35).setImprovement(-0.04).setLower(-0.06).setUpper(-0.02)
                        .setConfidence(0.95).setMargin(0.002).setReason("candidate worse").build())
                .build();
        produce("lead-scorer.control", fleet, dismissed);
        answer("scorer-x", third.modelId(), ServingRole.LIVE, dismissed);
        TrainerRun decided = on(fleet, "status", "--timeout", "10");
        assertThat(decided.exitCode()).as(decided.toString()).isZero();
        assertThat(decided.out()).containsPattern("shadow +none")
                .containsPattern("decision +END_SHADOW at \\S+: LOG_LOSS of " + third.modelId() + " \\(live\\) and "
                        + first.modelId() + " over 412 labelled, 48 positive: 0.3100 against 0.3500, improvement "
                        + "-0.0400 in \\[-0.0600, -0.0200\\] at 95%, margin 0.002: candidate worse");
    }

    @Test
    void aRollbackPinsTheDeploymentUntilACommandUnpinsIt() {
        String fleet = "fleet-pinned";
        assertThat(on(fleet, "deploy", "--bundle", second.dir().toString()).exitCode()).isZero();
        assertThat(on(fleet, "shadow", "--bundle", third.dir().toString()).exitCode()).isZero();

        TrainerRun rollback = on(fleet, "rollback", "--to", first.modelId(), "--store", store.toString());
        assertThat(rollback.exitCode()).as(rollback.toString()).isZero();
        ModelCommand pin = latest(fleet);
        assertThat(pin.getAction()).isEqualTo(ModelAction.ROLLBACK);
        assertThat(pin.getModelId()).isEqualTo(first.modelId());
        assertThat(pin.getShadow()).as("the rollback ends the shadow").isNull();
        assertThat(pin.getPinned()).isTrue();
        String pinned = fleet + " is pinned to " + first.modelId() + " by alice at " + pin.getRequestedTime()
                + " (ROLLBACK)";

        int sent = commands(fleet).size();
        for (String[] refused : List.of(new String[] {"deploy", "--bundle", third.dir().toString()},
                new String[] {"shadow", "--bundle", third.dir().toString()}, new String[] {"promote"})) {
            TrainerRun run = on(fleet, refused[0], Arrays.copyOfRange(refused, 1, refused.length));
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
            assertThat(run.err()).contains(pinned).contains("send it with --unpin to override the pin");
        }
        assertThat(commands(fleet)).as("nothing sent while pinned").hasSize(sent);
        TrainerRun status = on(fleet, "status", "--timeout", "1");
        assertThat(status.out()).containsPattern("pinned +yes, pinned to " + first.modelId() + " by alice at ");

        TrainerRun unpin = on(fleet, "shadow", "--bundle", third.dir().toString(), "--unpin");
        assertThat(unpin.exitCode()).as(unpin.toString()).isZero();
        ModelCommand unpinned = latest(fleet);
        assertThat(unpinned.getPinned()).isFalse();
        assertThat(unpinned.getModelId()).isEqualTo(first.modelId());
        assertThat(unpinned.getShadow().getModelId()).isEqualTo(third.modelId());
        assertThat(on(fleet, "deploy", "--bundle", third.dir().toString()).exitCode()).as("unpinned").isZero();
    }

    @Test
    void trainPublishesIntoShadowByDefaultAndNeverOnAPinnedDeployment() throws IOException {
        Path data = SimulatedCsv.write(dir.resolve("train.csv"), 1500, 5);
        Path trained = dir.resolve("trained");
        String fleet = "fleet-retrained";
        assertThat(on(fleet, "deploy", "--bundle", second.dir().toString()).exitCode()).isZero();

        TrainerRun retrain = train(fleet, data, trained);
        assertThat(retrain.exitCode()).as(retrain.toString()).isZero();
        Bundle candidate = Bundle.open(Path.of(retrain.lastLine()));
        ModelCommand shadowing = latest(fleet);
        assertThat(shadowing.getAction()).isEqualTo(ModelAction.SHADOW);
        assertThat(shadowing.getModelId()).isEqualTo(second.modelId());
        assertThat(shadowing.getShadow().getModelId()).isEqualTo(candidate.modelId());
        assertThat(retrain.out()).contains("SHADOW " + candidate.modelId() + " to " + fleet);

        assertThat(on(fleet, "rollback", "--to", first.modelId(), "--store", store.toString()).exitCode()).isZero();
        int sent = commands(fleet).size();
        TrainerRun refused = train(fleet, data, trained);
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(3);
        Bundle unsent = Bundle.open(Path.of(refused.lastLine()));
        assertThat(unsent.dir()).exists();
        assertThat(refused.err()).contains("error: bundle " + unsent.dir() + " is published, but not sent to the "
                + "scorers: " + fleet + " is pinned to " + first.modelId() + " by alice at ")
                .contains("a SHADOW of " + unsent.modelId() + " would undo that rollback").doesNotContain("\tat ");
        assertThat(commands(fleet)).hasSize(sent);
    }

    private TrainerRun train(String fleet, Path data, Path trainedStore) {
        return TrainerRun.tiny("train", "--data", data.toString(), "--store", trainedStore.toString(), "--publish",
                "--positive-stage-epochs", "0", "--prune-columns", "0", "--target", fleet, "--requested-by", "alice",
                "--bootstrap", kafka.bootstrapServers(), "--registry", REGISTRY);
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

    /** A status as a scorer older than shadows writes it: no role, no sequence. */
    private void answer(String instance, String modelId, ModelState state, String reason) throws Exception {
        produce("lead-scorer.status", instance, ModelStatus.newBuilder().setInstance(instance).setModelId(modelId)
                .setState(state).setReason(reason).setTime(Instant.now()).build());
    }

    private void answer(String instance, String modelId, ServingRole role, ModelCommand command) throws Exception {
        produce("lead-scorer.status", instance, ModelStatus.newBuilder().setInstance(instance).setModelId(modelId)
                .setState(ModelState.ACTIVE).setRole(role).setSequence(command.getSequence()).setTime(Instant.now())
                .build());
    }

    private <V> void produce(String topic, String key, V value) throws Exception {
        try (KafkaProducer<String, V> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroWireSerializer.class.getName(),
                SchemaRegistryConfig.URL, REGISTRY))) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        }
    }

    private List<ModelCommand> commands(String target) {
        return commands().stream().filter(r -> r.key().equals(target)).map(ConsumerRecord::value).toList();
    }

    private ModelCommand latest(String target) {
        List<ModelCommand> sent = commands(target);
        return sent.get(sent.size() - 1);
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
