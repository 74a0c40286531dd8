package io.leadscorer.trainer.cli;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadscorer.avro.ModelAction;
import io.leadscorer.avro.ModelCommand;
import io.leadscorer.model.bundle.Bundle;
import io.leadscorer.model.bundle.BundleWriter;
import io.leadscorer.model.bundle.Lineage;
import io.leadscorer.model.bundle.Manifest;
import io.leadscorer.model.effects.EffectKeys;
import io.leadscorer.model.effects.ValueEffects;
import io.leadscorer.model.predict.Calibration;
import io.leadscorer.model.predict.LeadPredictor;
import io.leadscorer.model.reference.ColumnReference;
import io.leadscorer.model.reference.ReferenceProfile;
import io.leadscorer.model.explain.ReasonDeletion;
import io.leadscorer.model.tiers.ScoreTiers;
import io.leadscorer.model.tiers.Tier;
import io.leadscorer.model.reference.ScoreReference;
import io.leadscorer.model.text.LeadColumns;
import io.leadscorer.schemas.registry.InMemorySchemaRegistry;
import io.leadscorer.schemas.registry.SchemaRegistryConfig;
import io.leadscorer.schemas.serde.AvroWireDeserializer;
import io.leadscorer.schemas.serde.AvroWireSerdeConfig;
import io.leadscorer.embedded.EmbeddedKafkaCluster;
import io.leadscorer.simulator.world.SimulatedLead;
import io.leadscorer.trainer.data.CsvLeadReader;
import io.leadscorer.trainer.data.LeadRow;
import io.leadscorer.trainer.data.StratifiedSplit;
import io.leadscorer.trainer.evaluate.BinaryMetrics;
import io.leadscorer.trainer.evaluate.BundleEvaluator;
import io.leadscorer.trainer.lineage.ProjectVersion;
import io.leadscorer.trainer.plot.TrainingPlots;
import io.leadscorer.trainer.testing.SimulatedCsv;
import io.leadscorer.trainer.testing.TrainerProcess;
import io.leadscorer.trainer.testing.TrainerRun;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

/**
 * `trainer train` end to end on 1,500 simulated leads with a tiny network and one short epoch: the bundle it
 * publishes, what the scorer's predictor makes of it, the DEPLOY command it sends to an in-JVM Kafka broker (the
 * deployment's first model; OperatorCommandsIntegrationTest covers later ones, sent into shadow), its lineage, and
 * the same bundle from a second run with the same seed and data.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrainCommandIntegrationTest {
    private static final String CONTROL_TOPIC = "lead-scorer.control";
    private static final String REGISTRY_SCOPE = "trainer-publish-test";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private EmbeddedKafkaCluster kafka;
    private Path data;
    private TrainerRun run;
    private Bundle bundle;
    /**
     * The same run but for the refit and the offsets: the bundle's value effects are those the validation figures were
     * measured with, and its network learnt from the labels alone.
     */
    private Bundle trainingRowsOnly;
    private TrainerRun withoutRefit;

    @BeforeAll
    void train() {
        data = SimulatedCsv.write(dir.resolve("train.csv"), 3000, 21);
        kafka = EmbeddedKafkaCluster.start();
        kafka.createCompactedTopic(CONTROL_TOPIC, 1);
        // the seed's augmentation, off by default, switched on here so that the end-to-end run covers it
        run = TrainerRun.tiny("train", "--data", data.toString(), "--store", dir.resolve("store").toString(),
                "--augment-copies", "8",
                "--publish", "--bootstrap", kafka.bootstrapServers(), "--registry", "mock://" + REGISTRY_SCOPE,
                "--control-topic", CONTROL_TOPIC);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        bundle = Bundle.open(Path.of(run.lastLine()));
        withoutRefit = TrainerRun.tiny("train", "--data", data.toString(),
                "--store", dir.resolve("training-rows-only").toString(), "--augment-copies", "8",
                "--set", "trainer.id-effects.refit-with-validation=false", "--set", "trainer.id-effects.offset-folds=0");
        assertThat(withoutRefit.exitCode()).as(withoutRefit.toString()).isZero();
        trainingRowsOnly = Bundle.open(Path.of(withoutRefit.lastLine()));
    }

    @AfterAll
    void stopKafka() {
        if (kafka != null) {
            kafka.close();
        }
        InMemorySchemaRegistry.dropScope(REGISTRY_SCOPE);
    }

    @Test
    void trainsTheNetworkOnTheValueEffectsOffsetUnlessTheSettingsSwitchItOff() {
        assertThat(run.err()).contains("the network learns what the value effects leave: their log-odds a fixed "
                + "offset, out of 5 folds for the training rows");
        assertThat(withoutRefit.err()).contains("calibration: sigmoid(")
                .doesNotContain("the network learns what the value effects leave");
        assertThat(bundle.manifest().lineage().settings()).contains(entry("trainer.id-effects.offset-folds", "5"));
        assertThat(trainingRowsOnly.manifest().lineage().settings())
                .contains(entry("trainer.id-effects.offset-folds", "0"));
    }

    @Test
    void printsThePathOfACompleteBundleLastAndLeavesNothingElseInTheStore() throws IOException {
        Path store = dir.resolve("store");
        assertThat(bundle.dir().getParent()).isEqualTo(store.toAbsolutePath());
        assertThat(bundle.modelId()).matches("\\d{8}T\\d{6}Z-[0-9a-f]{8}").isEqualTo(bundle.dir().getFileName().toString());
        assertThat(bundle.manifest().files().keySet()).containsExactlyInAnyOrder("config.json", "tokenizer.json",
                "model.safetensors", "metrics.json", TrainingPlots.LOSS, TrainingPlots.F1, TrainingPlots.PR_CURVE,
                TrainingPlots.RELIABILITY, ValueEffects.FILE, ReferenceProfile.FILE_NAME, ScoreTiers.FILE_NAME);
        try (Stream<Path> entries = Files.list(store)) {
            assertThat(entries.map(p -> p.getFileName().toString()))
                    .containsExactly(bundle.modelId())
                    .noneMatch(name -> name.startsWith(BundleWriter.STAGING_PREFIX));
        }
        assertThat(run.out()).contains("validation: F1 ");
    }

    @Test
    void reportsWhatItReadAndShowsAProgressBarPerEpoch() {
        assertThat(run.err())
                .contains("3000 rows read, 3000 used, 0 rejected")
                .contains("split: 2400 training rows")
                .contains("dropped columns (lowest random-forest importance): ")
                .contains("tokens per validation lead")
                .containsPattern("main 1/1 +100% \\[=+\\] +\\d+/\\d+ rows \\(\\d+:\\d\\d:\\d\\d / \\d+:\\d\\d:\\d\\d\\) "
                        + "[\\d.]+ rows/s loss [\\d.]+, val loss [\\d.]+, val F1 [\\d.]+")
                .contains("positive 1/1");
    }

    @Test
    void theScorersPredictorLoadsTheBundleAndScoresUnseenLeads() {
        List<SimulatedLead> unseen = SimulatedCsv.leads(200, 22);
        try (LeadPredictor predictor = LeadPredictor.open(bundle, Device.cpu())) {
            float[] probabilities = predictor.predict(unseen.stream().map(SimulatedLead::event).toList());

            assertThat(probabilities).hasSize(200);
            for (float p : probabilities) {
                assertThat(p).isStrictlyBetween(0f, 1f);
            }
            assertThat(distinct(probabilities)).isGreaterThan(100);
            assertThat(predictor.threshold()).isEqualTo(bundle.manifest().threshold());
            // the scorer's text holds the kept columns only, in the manifest's order
            String[] tokens = predictor.leadText(unseen.get(0).event()).split(" ");
            List<String> kept = bundle.manifest().text().keptColumns();
            assertThat(tokens).hasSize(kept.size());
            for (int i = 0; i < tokens.length; i++) {
                assertThat(tokens[i]).startsWith(LeadColumns.byName(kept.get(i)).prefix());
            }
        }
    }

    @Test
    void withoutTheRefitTheManifestsValidationMetricsAreWhatThePredictorGivesOnTheValidationSplit() {
        List<LeadRow> rows = new CsvLeadReader().read(data).rows();
        List<LeadRow> validation = new StratifiedSplit(0.2, 42).split(rows).validation();
        Bundle bundle = trainingRowsOnly;

        BinaryMetrics served = new BundleEvaluator(512).evaluate(bundle, Device.cpu(), validation).metrics();

        @SuppressWarnings("unchecked")
        Map<String, Object> recorded = (Map<String, Object>) bundle.manifest().metrics().get("validation");
        assertThat(served.rows()).isEqualTo(600);
        assertThat(served.threshold()).isEqualTo(bundle.manifest().threshold());
        assertThat(served.f1()).isCloseTo(((Number) recorded.get("f1")).doubleValue(), within(1e-9));
        assertThat(served.rocAuc()).isCloseTo(((Number) recorded.get("roc_auc")).doubleValue(), within(1e-6));
        assertThat(served.prAuc()).isCloseTo(((Number) recorded.get("pr_auc")).doubleValue(), within(1e-6));
        assertThat(served.confusion().truePositives()).isEqualTo(((Number) recorded.get("true_positives")).longValue());
        assertThat(served.confusion().falsePositives()).isEqualTo(((Number) recorded.get("false_positives")).longValue());
        // the served probabilities are the calibrated ones, whose scale the threshold was chosen on
        assertThat(bundle.manifest().calibration()).isNotEqualTo(Calibration.NONE);
        // the network learnt something in its one short epoch
        assertThat(served.rocAuc()).isGreaterThan(0.6);
    }

    @Test
    void recordsTheValueEffectsAloneSoThatEvaluateCanMeasureTheNetworksShare() {
        List<LeadRow> validation = new StratifiedSplit(0.2, 42).split(new CsvLeadReader().read(data).rows()).validation();
        Bundle bundle = trainingRowsOnly;
        Map<?, ?> alone = (Map<?, ?>) bundle.manifest().metrics().get("without_network");
        assertThat(alone).as("the manifest's metrics: %s", bundle.manifest().metrics()).isNotNull();
        double threshold = ((Number) alone.get("threshold")).doubleValue();
        Calibration effectsAlone = new Calibration(Calibration.PLATT, 0, ((Number) alone.get("intercept")).doubleValue(),
                ((Number) alone.get("effects_slope")).doubleValue());

        double[] shifts = ValueEffects.of(bundle).shifts(LeadRow.records(validation),
                new EffectKeys(bundle.manifest().text()));
        float[] probabilities = effectsAlone.apply(new float[shifts.length], shifts);
        int truePositives = 0;
        int falsePositives = 0;
        int falseNegatives = 0;
        for (int i = 0; i < probabilities.length; i++) {
            boolean predicted = probabilities[i] >= threshold;
            boolean converted = validation.get(i).converted();
            truePositives += predicted && converted ? 1 : 0;
            falsePositives += predicted && !converted ? 1 : 0;
            falseNegatives += !predicted && converted ? 1 : 0;
        }
        double f1 = 2.0 * truePositives / (2.0 * truePositives + falsePositives + falseNegatives);

        assertThat(effectsAlone.effectsSlope()).as("the effects carry signal").isPositive();
        assertThat(((Number) alone.get("validation_f1")).doubleValue()).isCloseTo(f1, within(1e-9));
        assertThat(new BundleEvaluator(512).evaluate(bundle, Device.cpu(), validation).withoutNetwork())
                .hasValueSatisfying(metrics -> assertThat(metrics.f1()).isCloseTo(f1, within(1e-9)));
    }

    @Test
    void evaluateReportsTheValueEffectsAloneBesideTheBundle() throws IOException {
        Path heldOut = SimulatedCsv.write(dir.resolve("share-held-out.csv"), 300, 29);

        TrainerRun evaluated = TrainerRun.of("evaluate", "--bundle", bundle.dir().toString(), "--data", heldOut.toString());

        assertThat(evaluated.exitCode()).as(evaluated.toString()).isZero();
        JsonNode metrics = JSON.readTree(evaluated.lastLine());
        JsonNode alone = metrics.get("without_network");
        assertThat(alone).as(evaluated.lastLine()).isNotNull();
        assertThat(alone.get("threshold").asDouble())
                .isEqualTo(((Number) ((Map<?, ?>) bundle.manifest().metrics().get("without_network")).get("threshold"))
                        .doubleValue());
        assertThat(alone.get("rows").asLong()).isEqualTo(metrics.get("rows").asLong());
        assertThat(evaluated.err()).contains("without the network (the value effects alone, calibrated alike): F1 ")
                .contains(String.format(java.util.Locale.ROOT, "the network's share %+.4f",
                        metrics.get("f1").asDouble() - alone.get("f1").asDouble()));
    }

    @Test
    void recordsThePruningAndTheMetricsInTheBundle() throws IOException {
        List<String> dropped = bundle.manifest().text().droppedColumns();
        // the 5 least important columns, and the id columns whose effects the bundle learns instead
        assertThat(dropped).hasSize(7).contains("customer_idx", "lead_owner");
        List<String> pruned = dropped.stream().filter(c -> !List.of("customer_idx", "lead_owner").contains(c)).toList();
        assertThat(bundle.manifest().text().keptColumns()).hasSize(21).doesNotContainAnyElementsOf(dropped);
        assertThat(bundle.manifest().columnImportances().keySet()).containsExactlyElementsOf(LeadColumns.NAMES);
        double highestDropped = pruned.stream().mapToDouble(bundle.manifest().columnImportances()::get).max().orElseThrow();
        assertThat(bundle.manifest().text().keptColumns())
                .allSatisfy(kept -> assertThat(bundle.manifest().columnImportances().get(kept)).isGreaterThanOrEqualTo(highestDropped));

        JsonNode metrics = JSON.readTree(bundle.file("metrics.json").toFile());
        assertThat(metrics.get("model_id").asText()).isEqualTo(bundle.modelId());
        Map<?, ?> validation = (Map<?, ?>) bundle.manifest().metrics().get("validation");
        assertThat(metrics.at("/validation/f1").asDouble()).isEqualTo(((Number) validation.get("f1")).doubleValue());
        assertThat(metrics.at("/validation/threshold").asDouble()).isEqualTo(bundle.manifest().threshold());
        assertThat(metrics.at("/validation/confusion_matrix/true_positives").isIntegralNumber()).isTrue();
        assertThat(metrics.at("/calibration/method").asText()).isEqualTo("platt");
        assertThat(metrics.at("/calibration/slope").asDouble()).isEqualTo(bundle.manifest().calibration().slope());
        assertThat(metrics.at("/calibration/ece_calibrated").asDouble()).isBetween(0.0, 1.0);
        assertThat(metrics.at("/calibration/bins").size()).isPositive();
        assertThat(metrics.get("dropped_columns")).extracting(JsonNode::asText).containsExactlyElementsOf(pruned);
        assertThat(metrics.get("epochs")).extracting(e -> e.get("stage").asText()).containsExactly("main", "positive");
        assertThat(metrics.at("/rows/read").asLong()).isEqualTo(3000);
        assertThat(metrics.at("/rows/training").asLong()).isEqualTo(2400);
        long trainingPositives = new StratifiedSplit(0.2, 42).split(new CsvLeadReader().read(data).rows()).training()
                .stream().filter(LeadRow::converted).count();
        assertThat(metrics.at("/rows/training_augmented").asLong()).isEqualTo(2400 + 8 * trainingPositives);
        assertThat(metrics.at("/validation_token_lengths/max_tokens").asInt()).isEqualTo(48);
        assertThat(bundle.manifest().text().maxTokens()).isEqualTo(48);
        assertThat(bundle.manifest().network().maxPositionEmbeddings()).isEqualTo(48);
        assertThat(bundle.manifest().text().columnDigits())
                .containsExactly(entry("com_reg_ver_win_rate", 2), entry("lead_desc_length", 2));
    }

    @Test
    void learnsTheValueEffectsFromTrainingRowsRefitsThemWithValidationRowsAndRecordsTheChosenPriors() throws IOException {
        ValueEffects effects = ValueEffects.read(bundle.bytes(ValueEffects.FILE), "test");
        ValueEffects fromTraining = ValueEffects.read(trainingRowsOnly.bytes(ValueEffects.FILE), "test");
        EffectKeys keys = new EffectKeys(bundle.manifest().text());
        // every lead column and the three crosses of application.yml
        List<String> columns = new ArrayList<>(LeadColumns.NAMES);
        columns.addAll(List.of("product_category*business_area", "customer_position*inquiry_type", "enterprise*bant_submit"));
        assertThat(effects.columns()).containsOnlyKeys(columns);
        StratifiedSplit.Parts parts = new StratifiedSplit(0.2, 42).split(new CsvLeadReader().read(data).rows());
        for (String column : columns) {
            java.util.Set<String> trainingValues = values(parts.training(), column, keys);
            java.util.Set<String> bothValues = new java.util.HashSet<>(trainingValues);
            bothValues.addAll(values(parts.validation(), column, keys));
            if (trainingValues.isEmpty()) {
                // a column the simulator always leaves empty has no effects
                assertThat(effects.columns().get(column).effects()).isEmpty();
                continue;
            }
            assertThat(fromTraining.columns().get(column).effects().keySet()).isEqualTo(trainingValues);
            assertThat(effects.columns().get(column).effects().keySet()).isEqualTo(bothValues);
            // the refit keeps the priors the validation rows chose
            assertThat(effects.columns().get(column).priorSd()).isEqualTo(fromTraining.columns().get(column).priorSd());
        }
        // a company seen only in validation has no effect from the training rows, and one after the refit
        LeadRow validationOnly = parts.validation().stream()
                .filter(row -> !fromTraining.columns().get("customer_idx").effects()
                        .containsKey(keys.key(row.record().value("customer_idx"))))
                .findFirst().orElseThrow();
        assertThat(effects.columns().get("customer_idx").effects())
                .containsKey(keys.key(validationOnly.record().value("customer_idx")));

        JsonNode metrics = JSON.readTree(bundle.file("metrics.json").toFile());
        assertThat(metrics.at("/id_effects/prior_sds/customer_idx").asDouble())
                .isEqualTo(effects.columns().get("customer_idx").priorSd());
        assertThat(metrics.at("/id_effects/values/lead_owner").asInt())
                .isEqualTo(effects.columns().get("lead_owner").effects().size());
        assertThat(metrics.at("/id_effects/validation_log_loss_with").asDouble())
                .isLessThanOrEqualTo(metrics.at("/id_effects/validation_log_loss_without").asDouble());
        assertThat(metrics.at("/id_effects/refitted_with_validation").asBoolean()).isTrue();
        assertThat(JSON.readTree(trainingRowsOnly.file("metrics.json").toFile())
                .at("/id_effects/refitted_with_validation").asBoolean()).isFalse();
        assertThat(run.err()).contains("value effects: prior sd {bant_submit=").contains("calibration: sigmoid(").contains("refitted on training and validation rows");
    }

    @Test
    void recordsTheReferenceDistributionsOfTheTrainingRowsAndTheServedValidationScores() {
        ReferenceProfile reference = ReferenceProfile.of(bundle).orElseThrow();
        List<LeadRow> training = new StratifiedSplit(0.2, 42).split(new CsvLeadReader().read(data).rows()).training();

        // the training rows before augmentation, at application.yml's 20 top values and 10 number bins
        assertThat(reference.trainingLeads()).isEqualTo(2400);
        assertThat(reference.columns()).hasSize(28).extracting(ColumnReference::name).containsExactlyElementsOf(LeadColumns.NAMES);
        assertThat(reference.columns())
                .isEqualTo(ReferenceProfile.fit(LeadRow.records(training), null, 20, 10).columns());
        ScoreReference score = reference.score();
        assertThat(score).isNotNull();
        assertThat(score.bins()).isBetween(2, ScoreReference.BINS);
        assertThat(java.util.Arrays.stream(score.shares()).sum()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void cutsTheTiersOnTheServedValidationScoresByTheDefaultShares() {
        ScoreTiers tiers = ScoreTiers.of(bundle).orElseThrow();

        assertThat(tiers.validationLeads()).isEqualTo(600);
        assertThat(tiers.tiers()).extracting(Tier::name).containsExactly("A", "B", "C", "D");
        assertThat(tiers.tiers()).extracting(Tier::share).containsExactly(0.1, 0.2, 0.3, 0.4);
        assertThat(tiers.tiers().stream().mapToLong(Tier::leads).sum()).isEqualTo(600);
        // ties at a cut point move leads up a tier, never more than a few at these sizes
        assertThat(tiers.tiers().get(0).leads()).isBetween(60L, 90L);
        assertThat(tiers.percentiles().quantiles()).hasSize(101);
        assertThat(tiers.tiers().get(0).conversionRate()).isGreaterThan(tiers.baseRate());
        assertThat(run.err()).contains("tiers on the validation rows (base rate ").contains(" A from ");
    }

    @Test
    void deletingTheTopReasonsColumnMovesTheScoreMoreThanDeletingAnotherColumn() {
        Path heldOut = SimulatedCsv.write(dir.resolve("held-out.csv"), 400, 22);
        List<LeadRow> rows = new CsvLeadReader().read(heldOut).rows();

        ReasonDeletion.Result result;
        try (LeadPredictor predictor = LeadPredictor.open(bundle, Device.cpu())) {
            result = ReasonDeletion.run(predictor, LeadRow.records(rows), 1);
        }

        // every held-out lead has a value with an effect; 386 of 400 passed when this was written
        assertThat(result.tested()).isGreaterThan(390);
        assertThat(result.share()).as(result.toString()).isGreaterThanOrEqualTo(0.9);
    }

    private static java.util.Set<String> values(List<LeadRow> rows, String column, EffectKeys keys) {
        java.util.Set<String> values = new java.util.HashSet<>();
        rows.stream().map(row -> keys.key(row.record(), column)).filter(java.util.Objects::nonNull).forEach(values::add);
        return values;
    }

    @Test
    void publishSendsTheFirstModelOfADeploymentAsExactlyOneDeployCommand() {
        try (KafkaConsumer<String, ModelCommand> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroWireDeserializer.class.getName(),
                SchemaRegistryConfig.URL, "mock://" + REGISTRY_SCOPE,
                AvroWireSerdeConfig.SPECIFIC_AVRO_VALUE_TYPE, ModelCommand.class.getName()))) {
            TopicPartition partition = new TopicPartition(CONTROL_TOPIC, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            List<ConsumerRecord<String, ModelCommand>> received = new ArrayList<>();
            while (consumer.position(partition) < end) {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            }

            assertThat(end).isEqualTo(1);
            assertThat(received).hasSize(1);
            ConsumerRecord<String, ModelCommand> record = received.get(0);
            ModelCommand command = record.value();
            assertThat(record.key()).as("keyed by the scorer deployment addressed").isEqualTo("lead-scorer");
            assertThat(command.getSequence()).isGreaterThanOrEqualTo(command.getRequestedTime().toEpochMilli());
            assertThat(command.getAction()).isEqualTo(ModelAction.DEPLOY);
            assertThat(command.getModelId().toString()).isEqualTo(bundle.modelId());
            assertThat(command.getBundleUri().toString()).isEqualTo(bundle.dir().toUri().toString());
            assertThat(command.getManifestSha256().toString()).isEqualTo(bundle.manifestSha256());
            assertThat(command.getRequestedBy().toString()).isEqualTo("trainer");
        }
        assertThat(run.out())
                .contains("no live model on lead-scorer yet: its first model goes live at once, as a DEPLOY rather than "
                        + "a SHADOW")
                .contains("DEPLOY " + bundle.modelId() + " to lead-scorer sent to " + CONTROL_TOPIC);
    }

    @Test
    void aDeployCommandThatCannotBeSentFailsTheRunButKeepsTheCompleteBundle() throws IOException {
        Path store = dir.resolve("unsent");

        TrainerRun unsent = TrainerRun.tiny("train", "--data", data.toString(), "--store", store.toString(),
                "--publish", "--bootstrap", "localhost:1", "--registry", "mock://" + REGISTRY_SCOPE,
                "--set", "trainer.publish.properties.max.block.ms=300", "--set", "trainer.publish.timeout=1s",
                "--positive-stage-epochs", "0");

        assertThat(unsent.exitCode()).as(unsent.toString()).isEqualTo(1);
        assertThat(unsent.err()).containsPattern("error: bundle .*unsent/\\d{8}T\\d{6}Z-[0-9a-f]{8} is published, "
                + "but its command was not sent").doesNotContain("\tat ");
        try (Stream<Path> bundles = Files.list(store)) {
            assertThat(bundles.map(Bundle::open)).hasSize(1);
        }
    }

    @Test
    void theSameSeedAndDataGiveTheSameModelAndMetrics() throws IOException {
        TrainerRun again = TrainerRun.tiny("train", "--data", data.toString(), "--store", dir.resolve("again").toString(),
                "--augment-copies", "8");

        assertThat(again.exitCode()).as(again.toString()).isZero();
        Bundle second = Bundle.open(Path.of(again.lastLine()));
        assertThat(second.manifest().files().get("model.safetensors"))
                .isEqualTo(bundle.manifest().files().get("model.safetensors"));
        assertThat(second.manifest().files().get(ReferenceProfile.FILE_NAME))
                .isEqualTo(bundle.manifest().files().get(ReferenceProfile.FILE_NAME));
        assertThat(second.manifest().threshold()).isEqualTo(bundle.manifest().threshold());
        assertThat(second.manifest().metrics().get("validation")).isEqualTo(bundle.manifest().metrics().get("validation"));
        assertThat(second.manifest().columnImportances()).isEqualTo(bundle.manifest().columnImportances());
        JsonNode first = JSON.readTree(bundle.file("metrics.json").toFile()).get("epochs");
        JsonNode repeated = JSON.readTree(second.file("metrics.json").toFile()).get("epochs");
        for (int i = 0; i < first.size(); i++) {
            assertThat(repeated.get(i).get("training_loss")).isEqualTo(first.get(i).get("training_loss"));
            assertThat(repeated.get(i).get("validation_loss")).isEqualTo(first.get(i).get("validation_loss"));
        }
        assertThat(second.modelId().substring(17)).isEqualTo(bundle.modelId().substring(17));
        assertThat(filesButTheMetrics(second)).isEqualTo(filesButTheMetrics(bundle));
        assertSameLineageButTheTimes(second, bundle);
    }

    @Test
    void aSecondProcessWithTheSameSeedAndDataGivesTheSameWeightsByteForByte() throws Exception {
        // another JVM: other identity hash codes, Map.of iteration salts, parameter UUIDs, native addresses and
        // thread timing than the run above, which is what a production retrain sees
        Path store = dir.resolve("other-process");
        List<String> args = new ArrayList<>(List.of("train"));
        args.addAll(TrainerRun.TINY);
        args.addAll(List.of("--data", data.toString(), "--store", store.toString(), "--augment-copies", "8"));
        Process process = TrainerProcess.start(Map.of(), args);
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        Bundle second;
        try (Stream<Path> bundles = Files.list(store)) {
            second = bundles.map(Bundle::open).findFirst().orElseThrow();
        }

        assertThat(Files.readAllBytes(second.file("model.safetensors")))
                .isEqualTo(Files.readAllBytes(bundle.file("model.safetensors")));
        assertThat(second.bytes(ReferenceProfile.FILE_NAME)).isEqualTo(bundle.bytes(ReferenceProfile.FILE_NAME));
        assertThat(second.manifest().threshold()).isEqualTo(bundle.manifest().threshold());
        assertThat(second.manifest().metrics().get("validation")).isEqualTo(bundle.manifest().metrics().get("validation"));
        assertThat(filesButTheMetrics(second)).isEqualTo(filesButTheMetrics(bundle));
        assertSameLineageButTheTimes(second, bundle);
    }

    @Test
    void recordsWhatTheBundleWasMadeFromInItsManifest() throws Exception {
        Lineage lineage = bundle.manifest().lineage();
        List<LeadRow> rows = new CsvLeadReader().read(data).rows();
        long positives = rows.stream().filter(LeadRow::converted).count();

        assertThat(lineage).isNotNull();
        assertThat(lineage.trainingDataSha256())
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(data))));
        assertThat(lineage.rowsRead()).isEqualTo(3000);
        assertThat(lineage.rowsUsed()).isEqualTo(rows.size());
        assertThat(lineage.positiveRate()).isEqualTo((double) positives / rows.size());
        assertThat(lineage.projectVersion()).isEqualTo(ProjectVersion.current());
        // the tiny run's flags and the defaults it left alone, under the keys --set takes
        assertThat(lineage.settings())
                .containsEntry("trainer.augment.copies", "8")
                .containsEntry("trainer.network.hidden-size", "16")
                .containsEntry("trainer.prune.trees", "8")
                .containsEntry("trainer.seed", "42")
                .containsEntry("trainer.threads", "2")
                .doesNotContainKeys("trainer.publish.bootstrap", "trainer.baselines.tree-rounds");
        assertThat(lineage.trainingFinishedAt()).isEqualTo(bundle.manifest().createdAt());
        double seconds = ((Number) bundle.manifest().metrics().get("training_seconds")).doubleValue();
        assertThat(Duration.between(lineage.trainingStartedAt(), lineage.trainingFinishedAt()).toNanos() / 1e9)
                .isCloseTo(seconds, within(0.01));
    }

    @Test
    void evaluatePrintsTheLineageAndWarnsWhenGivenTheTrainingFile() {
        Path heldOut = SimulatedCsv.write(dir.resolve("evaluate-held-out.csv"), 300, 23);

        TrainerRun onTrainingFile = TrainerRun.of("evaluate", "--bundle", bundle.dir().toString(), "--data", data.toString());
        TrainerRun onHeldOut = TrainerRun.of("evaluate", "--bundle", bundle.dir().toString(), "--data", heldOut.toString());

        assertThat(onTrainingFile.exitCode()).as(onTrainingFile.toString()).isZero();
        assertThat(onHeldOut.exitCode()).as(onHeldOut.toString()).isZero();
        Lineage lineage = bundle.manifest().lineage();
        assertThat(onHeldOut.err())
                .contains("model " + bundle.modelId() + " trained by lead-scorer " + lineage.projectVersion())
                .contains("training data SHA-256 " + lineage.trainingDataSha256())
                .contains("3000 rows read, 3000 used")
                .contains("settings: trainer.seed=42 trainer.validation-fraction=0.2 ")
                .doesNotContain("warning: ");
        assertThat(onTrainingFile.err()).contains("warning: " + data + " is the file this model was trained on");
        assertThat(onTrainingFile.lastLine()).startsWith("{");
    }

    @Test
    void aManifestWrittenBeforeLineageStillLoadsAndEvaluates() throws IOException {
        Path old = dir.resolve("old-store").resolve(bundle.modelId());
        Files.createDirectories(old);
        try (Stream<Path> files = Files.walk(bundle.dir())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path copy = old.resolve(bundle.dir().relativize(file).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy);
            }
        }
        ObjectNode manifest = (ObjectNode) JSON.readTree(old.resolve(Manifest.FILE_NAME).toFile());
        manifest.remove("lineage");
        Files.write(old.resolve(Manifest.FILE_NAME), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));

        Bundle opened = Bundle.open(old);
        assertThat(opened.manifest().lineage()).isNull();
        assertThat(opened.manifest().withLineage(bundle.manifest().lineage())).isEqualTo(bundle.manifest());
        try (LeadPredictor predictor = LeadPredictor.open(opened, Device.cpu())) {
            assertThat(predictor.threshold()).isEqualTo(bundle.manifest().threshold());
        }
        TrainerRun evaluated = TrainerRun.of("evaluate", "--bundle", old.toString(), "--data", data.toString());
        assertThat(evaluated.exitCode()).as(evaluated.toString()).isZero();
        assertThat(evaluated.err()).contains("model " + bundle.modelId() + " records no lineage");
    }

    /**
     * The reproducibility promise: every file of the bundle the same byte for byte, but metrics.json, which holds the
     * model id (a time) and the seconds each step took.
     */
    private static Map<String, String> filesButTheMetrics(Bundle bundle) {
        Map<String, String> files = new java.util.TreeMap<>(bundle.manifest().files());
        files.remove("metrics.json");
        return files;
    }

    /** The manifest's lineage is the same but for the wall-clock times of the training, which no rerun repeats. */
    private static void assertSameLineageButTheTimes(Bundle second, Bundle first) {
        assertThat(second.manifest().lineage()).usingRecursiveComparison()
                .ignoringFields("trainingStartedAt", "trainingFinishedAt")
                .isEqualTo(first.manifest().lineage());
    }

    private static long distinct(float[] values) {
        java.util.Set<Float> seen = new java.util.HashSet<>();
        for (float v : values) {
            seen.add(v);
        }
        return seen.size();
    }
}
