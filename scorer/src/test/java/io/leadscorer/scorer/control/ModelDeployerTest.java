package io.leadscorer.scorer.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ai.djl.Device;
import io.leadscorer.avro.ModelAction;
import io.leadscorer.avro.ModelCommand;
import io.leadscorer.avro.ModelState;
import io.leadscorer.avro.ModelStatus;
import io.leadscorer.avro.RolloutEvidence;
import io.leadscorer.avro.RolloutMetric;
import io.leadscorer.avro.ServingRole;
import io.leadscorer.avro.ShadowModel;
import io.leadscorer.avro.ShadowRole;
import io.leadscorer.model.bundle.BundleLimits;
import io.leadscorer.scorer.metrics.ScorerMetrics;
import io.leadscorer.scorer.predict.ActiveGeneration;
import io.leadscorer.scorer.predict.Generation;
import io.leadscorer.scorer.testing.BadBundles;
import io.leadscorer.scorer.testing.BadBundles.Candidate;
import io.leadscorer.scorer.testing.SettableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
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

    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
    private static final Instant IN_A_DAY = NOW.plus(Duration.ofDays(1));

    @TempDir
    Path tmp;

    private Path store;
    private final MockProducer<String, ModelStatus> statuses = new MockProducer<>(true,
            new StringSerializer(), (topic, status) -> new byte[0]);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ScorerMetrics metrics = new ScorerMetrics(registry);
    private final SettableClock clock = new SettableClock(NOW);
    private final ActiveGeneration active = new ActiveGeneration(clock);
    private ModelDeployer deployer;

    @BeforeEach
    void wire() {
        store = tmp.resolve("models");
        deployer = deployer(tmp.resolve("no-initial-bundle"));
    }

    private ModelDeployer deployer(Path initialBundle) {
        return new ModelDeployer(new BundleLocator(store),
                new GenerationLoader(Device.cpu(), BundleLimits.DEFAULT, 4, 1, g -> metrics.generationClosed()), active,
                new ModelStatusPublisher(statuses, "status", "instance-1", clock), metrics, initialBundle, clock);
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

    private static ControlRecord withShadow(ModelAction action, Candidate live, Candidate shadow, ShadowRole role,
                                            Instant until, long sequence, long offset) {
        ControlRecord record = command(action, live, sequence, offset);
        record.command().setShadow(ShadowModel.newBuilder().setModelId(shadow.modelId())
                .setBundleUri(shadow.dir().toUri().toString()).setManifestSha256(shadow.manifestSha256()).setRole(role)
                .setUntil(until).build());
        return record;
    }

    private Generation live() {
        return active.current().orElseThrow();
    }

    private Generation shadow() {
        return active.shadow().orElseThrow().generation();
    }

    private List<ModelStatus> loading() {
        return published().stream().filter(s -> s.getState() == ModelState.LOADING).toList();
    }

    private double opened() {
        return registry.get("leadscorer.model.generations.open").gauge().value();
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

    @Test
    void shadowLoadsTheCandidateBesideTheLiveModelAndTellsWhichIsWhich() {
        Candidate first = BadBundles.valid(store, 1);
        Candidate candidate = BadBundles.valid(store, 2);
        deployer.startUp(List.of(command(ModelAction.DEPLOY, first, 10, 0)));
        Generation live = live();
        RolloutEvidence evidence = RolloutEvidence.newBuilder().setMetric(RolloutMetric.LOG_LOSS)
                .setLiveModel(first.modelId()).setChallengerModel(candidate.modelId()).setLabelled(0).setPositives(0)
                .setConfidence(0.95).setMargin(0.002).setReason("operator's shadow").build();

        ControlRecord shadow = withShadow(ModelAction.SHADOW, first, candidate, ShadowRole.CANDIDATE, IN_A_DAY, 11, 1);
        shadow.command().setEvidence(evidence);
        deployer.onCommand(shadow);

        assertThat(live()).as("the live model is not reloaded").isSameAs(live);
        assertThat(shadow().modelId()).isEqualTo(candidate.modelId());
        assertThat(active.shadow().orElseThrow().role()).isEqualTo(ShadowRole.CANDIDATE);
        assertThat(published().subList(2, published().size()))
                .extracting(ModelStatus::getModelId, ModelStatus::getRole, ModelStatus::getState,
                        ModelStatus::getSequence)
                .containsExactly(tuple(candidate.modelId(), ServingRole.SHADOW, ModelState.LOADING, 11L),
                        tuple(first.modelId(), ServingRole.LIVE, ModelState.ACTIVE, 11L),
                        tuple(candidate.modelId(), ServingRole.SHADOW, ModelState.ACTIVE, 11L));
        assertThat(published().get(published().size() - 1).getEvidence()).isEqualTo(evidence);
        try (ActiveGeneration.Lease lease = active.lease()) {
            assertThat(lease.generation()).isSameAs(live);
            assertThat(lease.shadow()).contains(shadow());
        }
    }

    @Test
    void promoteMakesTheCandidateLiveWithoutAReloadAndKeepsTheReplacedModelAsPrevious() {
        Candidate first = BadBundles.valid(store, 1);
        Candidate candidate = BadBundles.valid(store, 2);
        deployer.startUp(List.of(command(ModelAction.DEPLOY, first, 10, 0)));
        deployer.onCommand(withShadow(ModelAction.SHADOW, first, candidate, ShadowRole.CANDIDATE, IN_A_DAY, 11, 1));
        Generation previousLive = live();
        Generation loadedCandidate = shadow();
        int loads = loading().size();

        deployer.onCommand(withShadow(ModelAction.PROMOTE, candidate, first, ShadowRole.PREVIOUS, IN_A_DAY, 12, 2));

        assertThat(live()).isSameAs(loadedCandidate);
        assertThat(shadow()).isSameAs(previousLive);
        assertThat(active.shadow().orElseThrow().role()).isEqualTo(ShadowRole.PREVIOUS);
        assertThat(loading()).as("nothing loaded").hasSize(loads);
        assertThat(previousLive.isClosed()).isFalse();
        assertThat(opened()).isEqualTo(2);
    }

    @Test
    void deployWithTheGuardKeepsThePreviousLiveModelInShadowAndRollbackReturnsToItWithoutAReload() {
        Candidate first = BadBundles.valid(store, 1);
        Candidate second = BadBundles.valid(store, 2);
        deployer.startUp(List.of(command(ModelAction.DEPLOY, first, 10, 0)));
        Generation firstGeneration = live();

        deployer.onCommand(withShadow(ModelAction.DEPLOY, second, first, ShadowRole.PREVIOUS, IN_A_DAY, 11, 1));
        assertThat(live().modelId()).isEqualTo(second.modelId());
        assertThat(shadow()).as("the guard's PREVIOUS is the old live generation").isSameAs(firstGeneration);
        Generation secondGeneration = live();
        int loads = loading().size();

        deployer.onCommand(command(ModelAction.ROLLBACK, first, 12, 2));
        assertThat(live()).as("rolled back without a reload").isSameAs(firstGeneration);
        assertThat(active.shadow()).isEmpty();
        assertThat(loading()).hasSize(loads);
        assertThat(secondGeneration.isClosed()).as("the rolled back model is retired").isTrue();
        assertThat(opened()).isEqualTo(1);
    }

    @Test
    void aShadowStopsBeingScoredWhenItsTimeIsUpAndIsRetired() {
        Candidate first = BadBundles.valid(store, 1);
        Candidate candidate = BadBundles.valid(store, 2);
        deployer.startUp(List.of(command(ModelAction.DEPLOY, first, 10, 0)));
        deployer.onCommand(withShadow(ModelAction.SHADOW, first, candidate, ShadowRole.CANDIDATE,
                NOW.plus(Duration.ofMinutes(30)), 11, 1));
        Generation candidateGeneration = shadow();
        deployer.endExpiredShadow();
        assertThat(active.shadow()).as("not yet").isPresent();

        clock.advance(Duration.ofMinutes(30));
        try (ActiveGeneration.Lease lease = active.lease()) {
            assertThat(lease.shadow()).as("not scored once its time is up, even before it is retired").isEmpty();
        }
        deployer.endExpiredShadow();

        assertThat(active.shadow()).isEmpty();
        assertThat(candidateGeneration.isClosed()).isTrue();
        assertThat(serving()).isEqualTo(first.modelId());
        assertThat(registry.get("leadscorer.shadow.ended").counter().count()).isEqualTo(1);
    }

    @Test
    void aShadowWhoseTimeIsUpIsNotLoaded() {
        Candidate first = BadBundles.valid(store, 1);
        Candidate candidate = BadBundles.valid(store, 2);
        deployer.startUp(List.of(command(ModelAction.DEPLOY, first, 10, 0)));

        deployer.onCommand(withShadow(ModelAction.SHADOW, first, candidate, ShadowRole.CANDIDATE, NOW, 11, 1));

        assertThat(active.shadow()).isEmpty();
        assertThat(loading()).extracting(ModelStatus::getModelId).containsExactly(first.modelId());
    }

    @Test
    void aRejectedShadowIsReportedAndTheLiveModelGoesOn() {
        Candidate first = BadBundles.valid(store, 1);
        deployer.startUp(List.of(command(ModelAction.DEPLOY, first, 10, 0)));
        Generation live = live();

        deployer.onCommand(withShadow(ModelAction.SHADOW, first, BadBundles.flippedWeightByte(store),
                ShadowRole.CANDIDATE, IN_A_DAY, 11, 1));

        assertThat(live()).isSameAs(live);
        assertThat(active.shadow()).isEmpty();
        ModelStatus rejected = published().stream().filter(s -> s.getState() == ModelState.REJECTED).findFirst()
                .orElseThrow();
        assertThat(rejected.getRole()).isEqualTo(ServingRole.SHADOW);
        assertThat(rejected.getSequence()).isEqualTo(11);
        assertThat(rejected.getReason()).contains("model.safetensors has SHA-256").contains("still serving "
                + first.modelId());
        assertThat(published().get(published().size() - 1)).extracting(ModelStatus::getModelId, ModelStatus::getRole,
                ModelStatus::getState).containsExactly(first.modelId(), ServingRole.LIVE, ModelState.ACTIVE);
    }

    @Test
    void anInstanceRestartedDuringAShadowResumesItAndIgnoresReplays() {
        Candidate first = BadBundles.valid(store, 1);
        Candidate candidate = BadBundles.valid(store, 2);
        List<ControlRecord> history = List.of(command(ModelAction.DEPLOY, first, 10, 0),
                withShadow(ModelAction.SHADOW, first, candidate, ShadowRole.CANDIDATE, IN_A_DAY, 11, 1));

        deployer.startUp(history);

        assertThat(serving()).isEqualTo(first.modelId());
        assertThat(shadow().modelId()).isEqualTo(candidate.modelId());
        Generation resumed = shadow();
        deployer.onCommand(command(ModelAction.END_SHADOW, first, 11, 2));
        deployer.onCommand(command(ModelAction.END_SHADOW, first, 9, 3));
        assertThat(shadow()).as("replays and older commands change nothing").isSameAs(resumed);
        assertThat(registry.get("leadscorer.model.commands").tag("outcome", "ignored").counter().count()).isEqualTo(2);

        deployer.onCommand(command(ModelAction.END_SHADOW, first, 12, 4));
        assertThat(active.shadow()).isEmpty();
        assertThat(resumed.isClosed()).isTrue();
    }
}
