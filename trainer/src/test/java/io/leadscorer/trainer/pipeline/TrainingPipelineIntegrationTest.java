package io.leadscorer.trainer.pipeline;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadscorer.model.bundle.Bundle;
import io.leadscorer.model.effects.ValueEffects;
import io.leadscorer.model.network.BertClassifier;
import io.leadscorer.model.network.BertConfig;
import io.leadscorer.model.network.BertWeights;
import io.leadscorer.model.predict.LeadPredictor;
import io.leadscorer.model.text.IdRates;
import io.leadscorer.simulator.world.SimulatedLead;
import io.leadscorer.trainer.TrainerApplication;
import io.leadscorer.trainer.cli.CliOverrides;
import io.leadscorer.trainer.config.TrainingSettings;
import io.leadscorer.trainer.data.CsvLeadReader;
import io.leadscorer.trainer.data.LeadRow;
import io.leadscorer.trainer.data.StratifiedSplit;
import io.leadscorer.trainer.evaluate.BinaryMetrics;
import io.leadscorer.trainer.evaluate.BundleEvaluator;
import io.leadscorer.trainer.testing.SimulatedCsv;
import io.leadscorer.trainer.testing.TrainerRun;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Runs of the whole pipeline that fail late or start from a Hugging Face checkpoint. */
class TrainingPipelineIntegrationTest {
    @TempDir
    static Path dir;

    private static Path data;

    @BeforeAll
    static void data() {
        data = SimulatedCsv.write(dir.resolve("train.csv"), 1000, 51);
    }

    @Test
    void aRunThatFailsAfterWritingWeightsAndPlotsLeavesNoHalfWrittenBundle() throws IOException {
        Path store = dir.resolve("failing-store");
        Clock broken = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                // asked for the bundle's creation time, after weights, config, tokenizer and plots are written
                throw new IllegalStateException("the clock broke");
            }
        };

        try (ApplicationContext context = context(store)) {
            TrainingPipeline pipeline = new TrainingPipeline(context.getBean(TrainingSettings.class), new CsvLeadReader(),
                    context.getBean(Device.class), context.getBean(JsonMapper.class), broken);

            assertThatThrownBy(() -> pipeline.run(new TrainingRequest(data, store, Optional.empty()), quiet()))
                    .hasMessage("the clock broke");
        }
        assertThat(store).isDirectory();
        try (Stream<Path> left = Files.list(store)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void idRateCellsComeFromTheBundlesTableForHeldOutLeadsAndTheScorerWritesTheSame() throws IOException {
        TrainerRun run = TrainerRun.tiny("train", "--data", data.toString(), "--store", dir.resolve("rates").toString(),
                "--id-rate-columns", "customer_idx,lead_owner", "--positive-stage-epochs", "0", "--id-effect-columns", "none");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        Bundle bundle = Bundle.open(Path.of(run.lastLine()));
        // without value effects the bundle has none to add, and only the pruning drops columns
        assertThat(bundle.has(ValueEffects.FILE)).isFalse();
        assertThat(run.err()).doesNotContain("value effects:");
        assertThat(bundle.manifest().text().droppedColumns()).hasSize(5);
        assertThat(bundle.manifest().text().idRateColumns()).containsExactly("customer_idx", "lead_owner");
        assertThat(bundle.manifest().files()).containsKey(IdRates.FILE);
        IdRates rates = IdRates.read(bundle.file(IdRates.FILE));
        List<LeadRow> rows = new CsvLeadReader().read(data).rows();
        StratifiedSplit.Parts parts = new StratifiedSplit(0.2, 42).split(rows);
        LeadRow held = parts.validation().get(0);
        // the table counts training rows only
        long owners = parts.training().stream()
                .filter(r -> held.cells().get("lead_owner").equals(r.cells().get("lead_owner"))).count();
        assertThat(rates.count("lead_owner", held.cells().get("lead_owner"))).isEqualTo((int) owners);
        try (LeadPredictor predictor = LeadPredictor.open(bundle, Device.cpu())) {
            String text = predictor.leadText(SimulatedCsv.leads(1, 52).get(0).event());
            assertThat(text).containsPattern("customer_idx_rate_[pm]\\d+ customer_idx_n_\\d+ lead_owner_rate_[pm]\\d+ lead_owner_n_\\d+$");
        }
        // validation was scored with the bundle's table, as the scorer scores: the recorded F1 is what it gets
        BinaryMetrics served = new BundleEvaluator(512).evaluate(bundle, Device.cpu(), parts.validation()).metrics();
        assertThat(served.f1()).isEqualTo(((Number) ((java.util.Map<?, ?>) bundle.manifest().metrics().get("validation"))
                .get("f1")).doubleValue());
    }

    @Test
    void aRunThatFailsEarlyLeavesNoBundleEither() throws IOException {
        Path store = dir.resolve("early-store");

        TrainerRun run = TrainerRun.tiny("train", "--data", data.toString(), "--store", store.toString(),
                "--set", "trainer.text.vocab-size=20");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("vocab size 20 is smaller than");
        assertThat(run.out()).isEmpty();
        try (Stream<Path> left = Files.list(store)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void fineTunesAHuggingFaceCheckpointThatShipsOnlyVocabTxt() throws IOException {
        Path base = tinyCheckpoint(dir.resolve("tiny-bert"));

        TrainerRun run = TrainerRun.tiny("train", "--data", data.toString(), "--store", dir.resolve("base-store").toString(),
                "--base-model", base.toString(), "--positive-stage-epochs", "0");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        Bundle bundle = Bundle.open(Path.of(run.lastLine()));
        BertConfig baseConfig = BertConfig.read(base.resolve("config.json"));
        assertThat(bundle.manifest().baseCheckpoint()).isEqualTo("tiny-bert");
        assertThat(bundle.manifest().network()).isEqualTo(baseConfig);
        assertThat(bundle.manifest().text().maxTokens()).isEqualTo(40);
        JsonNode tokenizer = new ObjectMapper().readTree(bundle.file("tokenizer.json").toFile());
        assertThat(tokenizer.at("/normalizer/type").asText()).isEqualTo("BertNormalizer");
        assertThat(tokenizer.at("/normalizer/lowercase").asBoolean()).isFalse();
        assertThat(tokenizer.at("/model/vocab").size()).isEqualTo(baseConfig.vocabSize());
        JsonNode metrics = new ObjectMapper().readTree(bundle.file("metrics.json").toFile());
        assertThat(metrics.get("epochs")).extracting(e -> e.get("stage").asText()).containsExactly("main");
        assertThat(metrics.get("positive_stage_kept").asBoolean()).isFalse();
        try (LeadPredictor predictor = LeadPredictor.open(bundle, Device.cpu())) {
            float[] scores = predictor.predict(SimulatedCsv.leads(20, 52).stream().map(SimulatedLead::event).toList());
            assertThat(scores).hasSize(20);
            for (float p : scores) {
                assertThat(p).isStrictlyBetween(0f, 1f);
            }
        }
    }

    @Test
    void aCheckpointWithoutWeightsIsAClearError() throws IOException {
        Path base = tinyCheckpoint(dir.resolve("no-weights"));
        Files.delete(base.resolve("model.safetensors"));

        TrainerRun run = TrainerRun.tiny("train", "--data", data.toString(), "--store", dir.resolve("s").toString(),
                "--base-model", base.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("has no model.safetensors");
    }

    /** A 1-layer BERT checkpoint as older Hugging Face tools save it: config.json, model.safetensors, vocab.txt. */
    private static Path tinyCheckpoint(Path checkpoint) throws IOException {
        Files.createDirectories(checkpoint);
        List<String> vocab = new ArrayList<>(List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "customer", "nan",
                "idx", "owner", "lead", "country", "type", "job", "_", ".", "-"));
        for (char c = 'a'; c <= 'z'; c++) {
            vocab.add(Character.toString(c));
            vocab.add("##" + c);
        }
        for (char c = '0'; c <= '9'; c++) {
            vocab.add(Character.toString(c));
            vocab.add("##" + c);
        }
        Files.write(checkpoint.resolve("vocab.txt"), vocab, StandardCharsets.UTF_8);
        Files.writeString(checkpoint.resolve("tokenizer_config.json"), "{\"do_lower_case\": false}");
        BertConfig config = new BertConfig(vocab.size(), 16, 1, 2, 32, 40, 2, 0.1, 0.1, 1e-12, BertConfig.GELU);
        config.write(checkpoint.resolve("config.json"));
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            BertClassifier network = new BertClassifier(config);
            network.initialize(manager);
            BertWeights.save(network, checkpoint.resolve("model.safetensors"));
        }
        return checkpoint;
    }

    private static ApplicationContext context(Path store) {
        List<String> args = new ArrayList<>(List.of("train", "--data", data.toString(), "--store", store.toString()));
        args.addAll(TrainerRun.TINY);
        return TrainerApplication.context(CliOverrides.parse(args.toArray(String[]::new)));
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
