package io.leadscorer.scorer.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ai.djl.Device;
import io.leadscorer.avro.ModelAction;
import io.leadscorer.avro.ModelCommand;
import io.leadscorer.avro.ModelState;
import io.leadscorer.avro.ModelStatus;
import io.leadscorer.model.bundle.BundleLimits;
import io.leadscorer.scorer.metrics.ScorerMetrics;
import io.leadscorer.scorer.predict.ActiveGeneration;
import io.leadscorer.scorer.predict.Generation;
import io.leadscorer.scorer.testing.BadBundles;
import io.leadscorer.scorer.testing.BadBundles.Candidate;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelDeployerTest {

    @TempDir
    Path tmp;

    private Path store;
    private final MockProducer<String, ModelStatus> statuses = new MockProducer<>(true,
            new StringSerializer(), (topic, status) -> new byte[0]);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ScorerMetrics metrics = new ScorerMetrics(registry);
    private final ActiveGeneration active = new ActiveGeneration();
    private ModelDeployer deployer;

    @BeforeEach
    void wire() {
        store = tmp.resolve("models");
        deployer = deployer(tmp.resolve("no-initial-bundle"));
    }

    private ModelDeployer deployer(Path initialBundle) {
        return new ModelDeployer(new BundleLocator(store),
                new GenerationLoader(Device.cpu(), BundleLimits.DEFAULT, 4, 1, g -> metrics.generationClosed()), active,
                new ModelStatusPublisher(statuses, "status", "instance-1", Clock.systemUTC()), metrics, initialBundle);
    }

    @AfterEach
    void closeModels() {
        active.close();
    }

    private static ControlRecord command(ModelAction action, Candidate bundle, long sequence, long offset) {
        return new ControlRecord(ModelCommand.newBuilder().setAction(action).setModelId(bundle.modelId())
                .setBundleUri(bundle.dir().toUri().toString()).setManifestSha256(bundle.manifestSha256())
                .setSequence(sequence).setRequestedTime(Instant.now()).build(), 0, offset);
    }

    private String serving() {
        return active.current().map(Generation::modelId).orElse("none");
    }

    private List<ModelStatus> published() {
        return statuses.history().stream().map(ProducerRecord::value).toList();
    }

    @Test
    void startsOnTheNewestCommandThatLoadsAndFallsBackPastARejectedOne() {
        Candidate older = BadBundles.valid(store, 1);
        Candidate broken = BadBundles.flippedWeightByte(store);
        deployer.startUp(List.of(command(ModelAction.DEPLOY, older, 10, 0), command(ModelAction.DEPLOY, broken, 20, 1)));

        assertThat(serving()).isEqualTo(older.modelId());
        assertThat(published()).extracting(ModelStatus::getModelId, ModelStatus::getState).containsExactly(
                tuple(broken.modelId(), ModelState.LOADING), tuple(broken.modelId(), ModelState.REJECTED),
                tuple(older.modelId(), ModelState.LOADING), tuple(older.modelId(), ModelState.ACTIVE));
        assertThat(published().get(1).getReason()).contains("model.safetensors has SHA-256").contains("still serving none");
    }

    @Test
    void servesTheInitialBundleWhenTheTopicHasNoCommand() {
        Candidate initial = BadBundles.valid(store, 1);
        deployer(initial.dir()).startUp(List.of());
        assertThat(serving()).isEqualTo(initial.modelId());
        assertThat(registry.get("leadscorer.model.generations.open").gauge().value()).isEqualTo(1);
    }

    @Test
    void aRejectedDeployKeepsTheOldModelAndAReplayOrOlderCommandIsIgnored() {
        Candidate first = BadBundles.valid(store, 1);
        Candidate second = BadBundles.valid(store, 2);
        deployer.startUp(List.of(command(ModelAction.DEPLOY, first, 10, 0)));

        deployer.onCommand(command(ModelAction.DEPLOY, BadBundles.missingFile(store), 11, 1));
        assertThat(serving()).isEqualTo(first.modelId());

        deployer.onCommand(command(ModelAction.DEPLOY, second, 12, 2));
        assertThat(serving()).isEqualTo(second.modelId());

        deployer.onCommand(command(ModelAction.DEPLOY, first, 10, 3));
        deployer.onCommand(command(ModelAction.DEPLOY, second, 12, 4));
        assertThat(serving()).as("replays and older commands change nothing").isEqualTo(second.modelId());
        assertThat(registry.get("leadscorer.model.commands").tag("outcome", "ignored").counter().count()).isEqualTo(2);

        deployer.onCommand(command(ModelAction.ROLLBACK, first, 13, 5));
        assertThat(serving()).isEqualTo(first.modelId());
        assertThat(registry.get("leadscorer.model.commands").tag("outcome", "active").counter().count()).isEqualTo(3);
        assertThat(registry.get("leadscorer.model.commands").tag("outcome", "rejected").counter().count()).isEqualTo(1);
        assertThat(registry.get("leadscorer.model.generations.open").gauge().value())
                .as("retired generations are closed once no batch holds them").isEqualTo(1);
    }
}
