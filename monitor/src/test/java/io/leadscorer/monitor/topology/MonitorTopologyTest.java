package io.leadscorer.monitor.topology;

import static io.leadscorer.monitor.rollout.SyntheticLeads.Model.INVERTED;
import static io.leadscorer.monitor.rollout.SyntheticLeads.Model.SHARP;
import static io.leadscorer.monitor.testing.MonitorHarness.START;
import static org.assertj.core.api.Assertions.assertThat;

import io.leadscorer.avro.ModelAction;
import io.leadscorer.avro.ModelCommand;
import io.leadscorer.avro.ModelQuality;
import io.leadscorer.avro.QualityScope;
import io.leadscorer.avro.RolloutEvidence;
import io.leadscorer.avro.RolloutMetric;
import io.leadscorer.avro.RolloutPolicy;
import io.leadscorer.avro.ShadowModel;
import io.leadscorer.avro.ShadowRole;
import io.leadscorer.monitor.drift.ModelReferences;
import io.leadscorer.monitor.label.LabelJoinProcessor;
import io.leadscorer.monitor.label.LeadState;
import io.leadscorer.monitor.rollout.PairFact;
import io.leadscorer.monitor.rollout.PairedScore;
import io.leadscorer.monitor.rollout.SyntheticLeads;
import io.leadscorer.monitor.testing.MonitorHarness;
import io.leadscorer.monitor.testing.MonitorTestSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MonitorTopologyTest {

    private static final Duration HORIZON = Duration.ofDays(90);
    private static final Duration GRACE = Duration.ofDays(1);
    private static final String A = "model-a";
    private static final String B = "model-b";
    private static final String DEPLOYMENT = "lead-scorer";
    private static final String LIVE = "model-live";
    private static final String CANDIDATE = "model-candidate";
    private static final String NEW = "model-new";
    private static final RolloutPolicy POLICY = RolloutPolicy.newBuilder().setMetric(RolloutMetric.LOG_LOSS)
            .setMinLabelled(50).setMinPositives(10).setMargin(0.002).setConfidence(0.95)
            .setMaxShadowMs(Duration.ofHours(24).toMillis()).setGuardMs(Duration.ofHours(1).toMillis())
            .setPsiAlarm(0.25).build();

    private MonitorHarness harness;
    private final Map<String, ModelQuality> seen = new HashMap<>();

    private MonitorHarness start(boolean implicitNegatives) {
        return start(implicitNegatives, ModelReferences.NONE);
    }

    private MonitorHarness start(boolean implicitNegatives, ModelReferences references) {
        harness = new MonitorHarness(MonitorTestSettings.of("mock://monitor-topology-" + implicitNegatives, HORIZON,
                GRACE, implicitNegatives, Duration.ofHours(1)), references);
        return harness;
    }

    @AfterEach
    void close() {
        if (harness != null) {
            harness.close();
        }
    }

    private ModelQuality cumulative(String model) {
        seen.putAll(harness.report());
        return seen.get(model + "@all");
    }

    private ModelQuality window(String model, Instant start) {
        seen.putAll(harness.report());
        return seen.get(model + "@" + start);
    }

    @Test
    void scoreThenOutcomeLabelsTheScore() {
        start(false);
        harness.score("lead-1", A, 0.8, 0.5, START);
        harness.score("lead-2", A, 0.3, 0.5, START);
        harness.outcome("lead-1", true, START.plus(Duration.ofDays(3)));
        harness.outcome("lead-2", false, START.plus(Duration.ofDays(4)));

        ModelQuality all = cumulative(A);
        assertThat(all.getScope()).isEqualTo(QualityScope.CUMULATIVE);
        assertThat(all.getScored()).isEqualTo(2);
        assertThat(all.getLabelled()).isEqualTo(2);
        assertThat(all.getPositives()).isEqualTo(1);
        assertThat(all.getAuc()).isEqualTo(1.0);
        assertThat(all.getTruePositives()).isEqualTo(1);
        assertThat(all.getFalsePositives()).isZero();
        assertThat(all.getF1()).isEqualTo(1.0);
        assertThat(all.getLogLoss()).isCloseTo((-Math.log(0.8) - Math.log(0.7)) / 2, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(all.getThreshold()).isEqualTo(0.5);
    }

    @Test
    void anOutcomeBeforeItsScoreIsHeldAndJoinedWhenTheScoreComes() {
        start(false);
        harness.outcome("lead-1", true, START.plusSeconds(5));
        assertThat(harness.metrics.count("outcome", "held")).isEqualTo(1);
        assertThat(cumulative(A)).isNull();

        harness.score("lead-1", A, 0.6, 0.5, START);
        ModelQuality all = cumulative(A);
        assertThat(all.getLabelled()).isEqualTo(1);
        assertThat(all.getPositives()).isEqualTo(1);
    }

    @Test
    void theSameOutcomeTwiceCountsOnce() {
        start(false);
        harness.score("lead-1", A, 0.6, 0.5, START);
        harness.outcome("lead-1", true, START.plusSeconds(5));
        harness.outcome("lead-1", true, START.plusSeconds(9));
        harness.outcome("lead-1", false, START.plusSeconds(12));
        harness.score("lead-1", A, 0.9, 0.5, START);

        ModelQuality all = cumulative(A);
        assertThat(all.getLabelled()).isEqualTo(1);
        assertThat(all.getPositives()).isEqualTo(1);
        assertThat(all.getScored()).isEqualTo(1);
        assertThat(harness.metrics.count("outcome", "repeated")).isEqualTo(2);
        assertThat(harness.metrics.count("score", "duplicate_score")).isEqualTo(1);
    }

    @Test
    void anOutcomeAfterTheHorizonIsNotALabel() {
        start(false);
        harness.score("lead-1", A, 0.6, 0.5, START);
        harness.outcome("lead-1", true, START.plus(HORIZON).plusSeconds(1));

        ModelQuality all = cumulative(A);
        assertThat(all.getLabelled()).isZero();
        assertThat(harness.metrics.count("outcome", "after_horizon")).isEqualTo(1);
    }

    @Test
    void aPositiveAfterAnExplicitNegativeReplacesIt() {
        start(false);
        Instant negativeAt = START.plus(Duration.ofHours(2));
        Instant positiveAt = START.plus(Duration.ofHours(5));
        harness.score("lead-1", A, 0.6, 0.5, START);
        harness.outcome("lead-1", false, negativeAt);
        assertThat(cumulative(A).getLabelled()).isEqualTo(1);
        assertThat(cumulative(A).getPositives()).isZero();

        harness.outcome("lead-1", true, positiveAt);
        ModelQuality all = cumulative(A);
        assertThat(all.getLabelled()).isEqualTo(1);
        assertThat(all.getPositives()).isEqualTo(1);
        assertThat(all.getLogLoss()).isCloseTo(-Math.log(0.6), org.assertj.core.api.Assertions.within(1e-12));
        assertThat(window(A, Instant.parse("2026-03-02T11:00:00Z")).getLabelled()).isZero();
        assertThat(window(A, Instant.parse("2026-03-02T14:00:00Z")).getPositives()).isEqualTo(1);
    }

    @Test
    void everyModelThatScoredALeadGetsItsLabel() {
        start(false);
        harness.score("lead-1", A, 0.7, 0.5, START);
        harness.score("lead-1", B, 0.2, 0.4, START);
        harness.outcome("lead-1", true, START.plusSeconds(30));

        ModelQuality a = cumulative(A);
        ModelQuality b = cumulative(B);
        assertThat(a.getLabelled()).isEqualTo(1);
        assertThat(a.getTruePositives()).isEqualTo(1);
        assertThat(b.getLabelled()).isEqualTo(1);
        assertThat(b.getFalseNegatives()).isEqualTo(1);
        assertThat(b.getThreshold()).isEqualTo(0.4);
    }

    @Test
    void windowsSplitAtTheirBoundaries() {
        start(false);
        Instant lastMillisecond = Instant.parse("2026-03-02T09:59:59.999Z");
        Instant nextWindow = Instant.parse("2026-03-02T10:00:00Z");
        harness.score("lead-1", A, 0.7, 0.5, START);
        harness.score("lead-2", A, 0.4, 0.5, START);
        harness.outcome("lead-1", true, lastMillisecond);
        harness.outcome("lead-2", false, nextWindow);

        ModelQuality first = window(A, START);
        ModelQuality second = window(A, nextWindow);
        assertThat(first.getScope()).isEqualTo(QualityScope.WINDOW);
        assertThat(first.getLabelled()).isEqualTo(1);
        assertThat(first.getPositives()).isEqualTo(1);
        assertThat(first.getScored()).isEqualTo(2);
        assertThat(first.getWindowEnd()).isEqualTo(nextWindow);
        assertThat(second.getLabelled()).isEqualTo(1);
        assertThat(second.getPositives()).isZero();
        assertThat(cumulative(A).getLabelled()).isEqualTo(2);
    }

    @Test
    void withImplicitNegativesALeadWithoutOutcomeIsNegativeWhenItsHorizonPasses() {
        start(true);
        harness.score("lead-1", A, 0.3, 0.5, START);
        harness.score("lead-2", A, 0.9, 0.5, START);
        harness.outcome("lead-2", true, START.plusSeconds(10));
        assertThat(cumulative(A).getLabelled()).isEqualTo(1);

        harness.score("lead-late", A, 0.5, 0.5, START.plus(HORIZON).plus(GRACE));
        harness.tick(Duration.ofSeconds(2));
        ModelQuality all = cumulative(A);
        assertThat(all.getLabelled()).isEqualTo(2);
        assertThat(all.getPositives()).isEqualTo(1);
        assertThat(window(A, START.plus(HORIZON)).getLabelled()).isEqualTo(1);
    }

    @Test
    void withoutImplicitNegativesAnUnlabelledLeadIsForgottenUncounted() {
        start(false);
        harness.score("lead-1", A, 0.3, 0.5, START);
        harness.score("lead-late", A, 0.5, 0.5, START.plus(HORIZON).plus(GRACE));
        harness.tick(Duration.ofSeconds(2));
        assertThat(cumulative(A).getLabelled()).isZero();
        assertThat(harness.driver.getKeyValueStore(MonitorTopology.LEADS_STORE).get("lead-1")).isNull();
    }

    @Test
    void leadsAreForgottenAfterHorizonAndGrace() {
        start(false);
        harness.score("lead-1", A, 0.3, 0.5, START);
        harness.outcome("lead-unscored", true, START.plusSeconds(1));
        KeyValueStore<String, LeadState> leads = harness.driver.getKeyValueStore(MonitorTopology.LEADS_STORE);
        assertThat(leads.get("lead-1")).isNotNull();
        assertThat(leads.get("lead-unscored")).isNotNull();

        harness.score("lead-2", A, 0.3, 0.5, START.plus(HORIZON).plus(GRACE).minusSeconds(1));
        harness.tick(Duration.ofSeconds(2));
        assertThat(leads.get("lead-1")).isNotNull();

        harness.score("lead-3", A, 0.3, 0.5, START.plus(HORIZON).plus(GRACE).plusSeconds(2));
        harness.tick(Duration.ofSeconds(2));
        assertThat(leads.get("lead-1")).isNull();
        assertThat(leads.get("lead-unscored")).isNull();
        assertThat(leads.get("lead-2")).isNotNull();
        assertThat(harness.metrics.count("outcome", "expired_unscored")).isEqualTo(1);
        KeyValueStore<Object, Object> expiry = harness.driver.getKeyValueStore(MonitorTopology.EXPIRY_STORE);
        assertThat(expiry.approximateNumEntries()).isEqualTo(2);
    }

    @Test
    void anUndecodableOutcomeIsDeadLetteredWithItsReasonAndTheNextOneCounts() {
        start(false);
        harness.score("lead-1", A, 0.8, 0.5, START);
        harness.rawOutcome("lead-1".getBytes(StandardCharsets.UTF_8), new byte[] {0, 0, 0, 0, 42, 1, 2});
        harness.rawOutcome("lead-1".getBytes(StandardCharsets.UTF_8), "not avro".getBytes(StandardCharsets.UTF_8));
        harness.outcome("lead-1", true, START.plusSeconds(3));

        List<TestRecord<byte[], byte[]>> dead = harness.deadLetters.readRecordsToList();
        assertThat(dead).hasSize(2);
        assertThat(new String(dead.get(0).headers().lastHeader(LabelJoinProcessor.ERROR_REASON).value(),
                StandardCharsets.UTF_8)).isEqualTo("outcome_undecodable");
        assertThat(dead.get(1).value()).isEqualTo("not avro".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(dead.get(1).headers().lastHeader(LabelJoinProcessor.SOURCE_TOPIC).value(),
                StandardCharsets.UTF_8)).isEqualTo("mql.outcomes");
        assertThat(cumulative(A).getPositives()).isEqualTo(1);
    }

    @Test
    void anOutcomeKeyedOtherwiseThanItsLeadIsDeadLettered() {
        start(false);
        harness.score("lead-1", A, 0.8, 0.5, START);
        io.leadscorer.avro.LeadOutcome outcome = io.leadscorer.avro.LeadOutcome.newBuilder().setLeadId("lead-1")
                .setConverted(true).setOutcomeTime(START).build();
        byte[] value = io.leadscorer.schemas.serde.AvroWireSerde.of(io.leadscorer.avro.LeadOutcome.class,
                io.leadscorer.monitor.config.MonitorStreamsConfig.serdeConfig(harness.settings), false).serializer()
                .serialize("mql.outcomes", outcome);
        harness.rawOutcome("someone-else".getBytes(StandardCharsets.UTF_8), value);

        List<KeyValue<byte[], byte[]>> dead = harness.deadLetters.readKeyValuesToList();
        assertThat(dead).hasSize(1);
        assertThat(cumulative(A).getLabelled()).isZero();
    }

    @Test
    void unchangedFiguresAreNotWrittenAgain() {
        start(false);
        harness.score("lead-1", A, 0.8, 0.5, START);
        harness.outcome("lead-1", true, START.plusSeconds(3));
        assertThat(cumulative(A).getLabelled()).isEqualTo(1);
        assertThat(harness.report()).isEmpty();
    }

    @Test
    void inputsAndScoresOfAModelAreComparedWithItsBundlesReference() {
        start(false, model -> model.equals(A) ? java.util.Optional.of(new TwoColumnReference()) : java.util.Optional.empty());
        harness.event(lead("lead-0", START, "SMB"));
        harness.score("lead-0", A, 0.2, 0.5, START);
        for (int i = 1; i <= 40; i++) {
            harness.event(lead("lead-" + i, START.plusSeconds(i), i % 4 == 0 ? null : "SMB"));
            harness.score("lead-" + i, A, 0.2, 0.5, START.plusSeconds(i));
            harness.score("lead-" + i, B, 0.2, 0.5, START.plusSeconds(i));
        }
        ModelQuality a = cumulative(A);
        assertThat(a.getDriftLeads()).as("the first lead came before any score").isEqualTo(40);
        assertThat(a.getDrift()).hasSize(2);
        io.leadscorer.avro.ColumnDrift enterprise = a.getDrift().get(0);
        assertThat(enterprise.getColumn()).isEqualTo("enterprise");
        assertThat(enterprise.getLevel()).isEqualTo(io.leadscorer.avro.DriftLevel.ALARM);
        assertThat(enterprise.getMissingRate()).isEqualTo(10 / 40.0);
        double live = 30 / 40.0;
        double expectedPsi = (1e-4 - 0.5) * Math.log(1e-4 / 0.5) + (live - 0.5) * Math.log(live / 0.5)
                + (10 / 40.0 - 1e-4) * Math.log((10 / 40.0) / 1e-4);
        assertThat(enterprise.getPsi()).isCloseTo(expectedPsi, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(a.getDrift().get(1).getPsi()).as("a column that did not move").isCloseTo(0,
                org.assertj.core.api.Assertions.within(1e-9));
        assertThat(a.getDrift().get(1).getLevel()).isEqualTo(io.leadscorer.avro.DriftLevel.OK);
        assertThat(a.getScorePsi()).isGreaterThan(0.25);
        ModelQuality b = cumulative(B);
        assertThat(b.getDrift()).as("a bundle without a reference").isEmpty();
        assertThat(b.getScorePsi()).isNull();
        assertThat(b.getScored()).isEqualTo(40);
    }

    @Test
    void aCandidateClearlyBetterOnTheSameLeadsIsPromotedOnceWithItsEvidence() {
        start(false);
        ModelCommand shadow = shadowCommand();
        harness.command(DEPLOYMENT, shadow);
        List<PairedScore> leads = SyntheticLeads.pairs(60, INVERTED, SHARP, 21);
        sendScoredAndLabelled(leads, LIVE, CANDIDATE, true);
        harness.tick(Duration.ofSeconds(6));

        List<KeyValue<String, ModelCommand>> written = harness.decisions.readKeyValuesToList();
        assertThat(written).hasSize(1);
        assertThat(written.get(0).key).isEqualTo(DEPLOYMENT);
        ModelCommand promote = written.get(0).value;
        assertThat(promote.getAction()).isEqualTo(ModelAction.PROMOTE);
        assertThat(promote.getModelId()).isEqualTo(CANDIDATE);
        assertThat(promote.getBundleUri()).isEqualTo("file:///models/" + CANDIDATE);
        assertThat(promote.getShadow().getModelId()).isEqualTo(LIVE);
        assertThat(promote.getShadow().getRole()).isEqualTo(ShadowRole.PREVIOUS);
        assertThat(promote.getShadow().getUntil()).isEqualTo(promote.getRequestedTime().plus(Duration.ofHours(1)));
        assertThat(promote.getSequence()).isGreaterThan(shadow.getSequence())
                .isEqualTo(promote.getRequestedTime().toEpochMilli());
        assertThat(promote.getRequestedBy()).isEqualTo("monitor");
        assertThat(promote.getPolicy()).isEqualTo(POLICY);
        RolloutEvidence evidence = promote.getEvidence();
        assertThat(evidence.getLiveModel()).isEqualTo(LIVE);
        assertThat(evidence.getChallengerModel()).isEqualTo(CANDIDATE);
        assertThat(evidence.getLabelled()).isEqualTo(60);
        assertThat(evidence.getPositives()).isEqualTo(leads.stream().filter(PairedScore::converted).count());
        assertThat(evidence.getLower()).isGreaterThan(POLICY.getMargin());
        assertThat(evidence.getReason()).startsWith("candidate better: ");
        assertThat(harness.metrics.decisions("PROMOTE")).isEqualTo(1);
        assertThat(harness.metrics.pairsCompared()).isEqualTo(60);

        harness.command(DEPLOYMENT, shadow);
        sendScoredAndLabelled(leads, LIVE, CANDIDATE, true);
        harness.tick(Duration.ofSeconds(6));
        assertThat(harness.decisions.readKeyValuesToList()).as("the replayed command and leads").isEmpty();
        assertThat(harness.metrics.count("command", "not_newer")).isGreaterThanOrEqualTo(1);
        assertThat(pairsKept()).as("replayed leads overwrite their pairs").isEqualTo(60);
        assertThat(harness.metrics.pairsCompared()).as("the guard compares the same leads").isEqualTo(60);
    }

    @Test
    void aCandidateClearlyWorseEndsItsShadow() {
        start(false);
        harness.command(DEPLOYMENT, shadowCommand());
        sendScoredAndLabelled(SyntheticLeads.pairs(60, SHARP, INVERTED, 22), LIVE, CANDIDATE, true);
        harness.tick(Duration.ofSeconds(6));

        List<ModelCommand> written = harness.decisions.readValuesToList();
        assertThat(written).hasSize(1);
        assertThat(written.get(0).getAction()).isEqualTo(ModelAction.END_SHADOW);
        assertThat(written.get(0).getModelId()).isEqualTo(LIVE);
        assertThat(written.get(0).getShadow()).isNull();
        assertThat(written.get(0).getEvidence().getUpper()).isNegative();
    }

    @Test
    void tooFewLabelledLeadsDecideNothingAndARelabelledLeadCountsOnce() {
        start(false);
        harness.command(DEPLOYMENT, shadowCommand());
        sendScoredAndLabelled(SyntheticLeads.pairs(40, INVERTED, SHARP, 23), LIVE, CANDIDATE, true);
        harness.outcome("lead-0", false, START.plus(Duration.ofDays(2)));
        harness.outcome("lead-0", true, START.plus(Duration.ofDays(3)));
        harness.tick(Duration.ofSeconds(6));

        assertThat(harness.decisions.readValuesToList()).isEmpty();
        assertThat(pairsKept()).isEqualTo(40);
        KeyValueStore<String, PairFact> pairs = harness.driver.getKeyValueStore(MonitorTopology.ROLLOUT_PAIRS_STORE);
        assertThat(pairs.get("lead-0").converted()).isTrue();
    }

    @Test
    void commandsOfAnotherDeploymentAreNotJudged() {
        start(false);
        harness.command("another-deployment", shadowCommand());
        sendScoredAndLabelled(SyntheticLeads.pairs(60, INVERTED, SHARP, 24), LIVE, CANDIDATE, true);
        harness.tick(Duration.ofSeconds(6));
        assertThat(harness.decisions.readValuesToList()).isEmpty();
        assertThat(pairsKept()).isZero();
    }

    @Test
    void aGuardedModelWorseThanThePreviousIsRolledBack() {
        start(false);
        ModelCommand deploy = ModelCommand.newBuilder(shadowCommand()).setAction(ModelAction.DEPLOY)
                .setModelId(NEW).setBundleUri("file:///models/" + NEW).setManifestSha256("sha-" + NEW)
                .setShadow(shadow(LIVE, ShadowRole.PREVIOUS, START.plus(Duration.ofHours(1))))
                .build();
        harness.command(DEPLOYMENT, deploy);
        sendScoredAndLabelled(SyntheticLeads.pairs(60, SHARP, INVERTED, 25), NEW, LIVE, false);
        harness.tick(Duration.ofSeconds(6));

        List<ModelCommand> written = harness.decisions.readValuesToList();
        assertThat(written).hasSize(1);
        ModelCommand rollback = written.get(0);
        assertThat(rollback.getAction()).isEqualTo(ModelAction.ROLLBACK);
        assertThat(rollback.getModelId()).isEqualTo(LIVE);
        assertThat(rollback.getManifestSha256()).isEqualTo("sha-" + LIVE);
        assertThat(rollback.getShadow()).isNull();
        assertThat(rollback.getPinned()).isFalse();
        assertThat(rollback.getEvidence().getLiveModel()).isEqualTo(LIVE);
        assertThat(rollback.getEvidence().getChallengerModel()).isEqualTo(NEW);
        assertThat(rollback.getEvidence().getUpper()).isLessThan(-POLICY.getMargin());
        assertThat(harness.metrics.decisions("ROLLBACK")).isEqualTo(1);
    }

    @Test
    void aGuardedModelThatFailsToScoreTooManyLeadsIsRolledBackOnceAndOnlyItsOwnFailuresCount() {
        start(false);
        harness.command(DEPLOYMENT, guardCommand());
        scoreWithoutLabels(0, 60, NEW, LIVE);
        harness.scorerDeadLetter("lead-f0", NEW, 1000, START);
        for (int i = 0; i < 5; i++) {
            harness.scorerDeadLetter("bad-" + i, null, 2000 + i, START);
            harness.scorerDeadLetter("other-" + i, LIVE, 3000 + i, START);
        }
        harness.report();
        harness.tick(Duration.ofSeconds(6));

        assertThat(harness.decisions.readValuesToList()).as("1 failed of 61 leads, under 2%").isEmpty();
        assertThat(failuresKept()).as("a dead letter without the model, or naming another, counts for nothing")
                .isEqualTo(1);
        assertThat(harness.metrics.count("scorer_dead_letter", "no_model")).isEqualTo(5);

        harness.scorerDeadLetter("lead-f0", NEW, 1000, START);
        harness.tick(Duration.ofSeconds(6));
        assertThat(harness.decisions.readValuesToList()).as("a dead letter read twice counts once").isEmpty();

        harness.scorerDeadLetter("lead-f1", NEW, 1001, START);
        harness.scorerDeadLetter("lead-f2", NEW, 1002, START);
        harness.tick(Duration.ofSeconds(6));

        List<ModelCommand> written = harness.decisions.readValuesToList();
        assertThat(written).hasSize(1);
        ModelCommand rollback = written.get(0);
        assertThat(rollback.getAction()).isEqualTo(ModelAction.ROLLBACK);
        assertThat(rollback.getModelId()).isEqualTo(LIVE);
        RolloutEvidence evidence = rollback.getEvidence();
        assertThat(evidence.getChallengerModel()).isEqualTo(NEW);
        assertThat(evidence.getFailed()).isEqualTo(3L);
        assertThat(evidence.getScored()).isEqualTo(60L);
        assertThat(evidence.getErrorRate()).isEqualTo(3 / 63.0);
        assertThat(evidence.getReason()).startsWith("new model fails to score: error rate 0.0476 > alarm 0.02");
        assertThat(harness.metrics.decisions("ROLLBACK")).isEqualTo(1);

        harness.command(DEPLOYMENT, guardCommand());
        harness.scorerDeadLetter("lead-f3", NEW, 1003, START);
        harness.scorerDeadLetter("lead-f1", NEW, 1001, START);
        harness.tick(Duration.ofSeconds(6));
        assertThat(harness.decisions.readValuesToList()).as("the replayed command and dead letters").isEmpty();
        assertThat(failuresKept()).as("no guard after the rollback, nothing counted").isZero();
    }

    @Test
    void aPromotedModelsErrorsAreCountedAgainstTheLeadsItScoredSinceThePromotion() {
        start(false);
        harness.command(DEPLOYMENT, shadowCommand());
        scoreWithoutLabels(0, 100, LIVE, CANDIDATE);
        harness.report();
        Instant promoted = START.plus(Duration.ofMinutes(1));
        harness.command(DEPLOYMENT, ModelCommand.newBuilder(shadowCommand()).setAction(ModelAction.PROMOTE)
                .setModelId(CANDIDATE).setBundleUri("file:///models/" + CANDIDATE).setManifestSha256("sha-" + CANDIDATE)
                .setSequence(promoted.toEpochMilli()).setRequestedTime(promoted)
                .setShadow(shadow(LIVE, ShadowRole.PREVIOUS, promoted.plus(Duration.ofHours(1)))).build());
        scoreWithoutLabels(100, 48, CANDIDATE, LIVE);
        harness.scorerDeadLetter("lead-f0", CANDIDATE, 1000, START);
        harness.scorerDeadLetter("lead-f1", CANDIDATE, 1001, START);
        harness.report();
        harness.tick(Duration.ofSeconds(6));

        List<ModelCommand> written = harness.decisions.readValuesToList();
        assertThat(written).as("2 failed of 50 since the promotion; of the 150 the candidate scored, 2 would be"
                + " under the line").hasSize(1);
        assertThat(written.get(0).getAction()).isEqualTo(ModelAction.ROLLBACK);
        assertThat(written.get(0).getModelId()).isEqualTo(LIVE);
        assertThat(written.get(0).getEvidence().getScored()).isEqualTo(48L);
        assertThat(written.get(0).getEvidence().getFailed()).isEqualTo(2L);
    }

    /** A DEPLOY of the new model guarded by the live one, on the test's policy. */
    private static ModelCommand guardCommand() {
        return ModelCommand.newBuilder(shadowCommand()).setAction(ModelAction.DEPLOY)
                .setModelId(NEW).setBundleUri("file:///models/" + NEW).setManifestSha256("sha-" + NEW)
                .setShadow(shadow(LIVE, ShadowRole.PREVIOUS, START.plus(Duration.ofHours(1))))
                .build();
    }

    /** Leads {@code from} to {@code from + count - 1} scored by the live model and the shadow, never labelled. */
    private void scoreWithoutLabels(int from, int count, String live, String shadow) {
        for (int i = from; i < from + count; i++) {
            Instant at = START.plusSeconds(i);
            harness.score("lead-" + i, live, 0.4, 0.5, at);
            harness.shadowScore("lead-" + i, shadow, 0.4, at);
        }
    }

    private long failuresKept() {
        KeyValueStore<String, String> failures =
                harness.driver.getKeyValueStore(MonitorTopology.ROLLOUT_FAILURES_STORE);
        long count = 0;
        try (org.apache.kafka.streams.state.KeyValueIterator<String, String> all = failures.all()) {
            while (all.hasNext()) {
                all.next();
                count++;
            }
        }
        return count;
    }

    private static ModelCommand shadowCommand() {
        Instant at = START.minus(Duration.ofMinutes(1));
        return ModelCommand.newBuilder().setAction(ModelAction.SHADOW).setModelId(LIVE)
                .setBundleUri("file:///models/" + LIVE).setManifestSha256("sha-" + LIVE)
                .setSequence(at.toEpochMilli()).setRequestedTime(at).setRequestedBy("operator")
                .setShadow(shadow(CANDIDATE, ShadowRole.CANDIDATE, START.plus(Duration.ofHours(24))))
                .setPolicy(POLICY).build();
    }

    private static ShadowModel shadow(String model, ShadowRole role, Instant until) {
        return ShadowModel.newBuilder().setModelId(model).setBundleUri("file:///models/" + model)
                .setManifestSha256("sha-" + model).setRole(role).setUntil(until).build();
    }

    /**
     * Each lead scored by the live model (into the scores) and the shadow (into the shadow scores), then labelled;
     * the pair's baseline is the live model's score for a candidate, the shadow's during a guard.
     */
    private void sendScoredAndLabelled(List<PairedScore> leads, String live, String shadow, boolean baselineIsLive) {
        for (int i = 0; i < leads.size(); i++) {
            PairedScore lead = leads.get(i);
            String id = "lead-" + i;
            Instant at = START.plusSeconds(i);
            harness.score(id, live, baselineIsLive ? lead.baseline() : lead.challenger(), 0.5, at);
            harness.shadowScore(id, shadow, baselineIsLive ? lead.challenger() : lead.baseline(), at);
            harness.outcome(id, lead.converted(), at.plus(Duration.ofDays(1)));
        }
    }

    private long pairsKept() {
        KeyValueStore<String, PairFact> pairs = harness.driver.getKeyValueStore(MonitorTopology.ROLLOUT_PAIRS_STORE);
        long count = 0;
        try (org.apache.kafka.streams.state.KeyValueIterator<String, PairFact> all = pairs.all()) {
            while (all.hasNext()) {
                all.next();
                count++;
            }
        }
        return count;
    }

    private static io.leadscorer.avro.MqlEvent lead(String id, Instant at, String enterprise) {
        return io.leadscorer.avro.MqlEvent.newBuilder().setLeadId(id).setEventTime(at).setEnterprise(enterprise)
                .setBusinessUnit("ID").build();
    }

    /** enterprise: Enterprise, SMB, other, missing (half and half); business_unit: ID, other, missing (all ID). */
    private static final class TwoColumnReference implements io.leadscorer.monitor.drift.ModelReference {
        @Override
        public List<String> columns() {
            return List.of("enterprise", "business_unit");
        }

        @Override
        public int[] bins(io.leadscorer.avro.MqlEvent event) {
            String enterprise = event.getEnterprise();
            int first = enterprise == null ? 3 : enterprise.equals("Enterprise") ? 0 : enterprise.equals("SMB") ? 1 : 2;
            String unit = event.getBusinessUnit();
            return new int[] {first, unit == null ? 2 : unit.equals("ID") ? 0 : 1};
        }

        @Override
        public double[] expectedShares(int column) {
            return column == 0 ? new double[] {0.5, 0.5, 0, 0} : new double[] {1, 0, 0};
        }

        @Override
        public int missingBin(int column) {
            return column == 0 ? 3 : 2;
        }

        @Override
        public int[] scoreBinOf() {
            int[] bins = new int[io.leadscorer.monitor.quality.ProbabilityBins.COUNT];
            java.util.Arrays.fill(bins, 500, bins.length, 1);
            return bins;
        }

        @Override
        public double[] scoreShares() {
            return new double[] {0.5, 0.5};
        }
    }
}
