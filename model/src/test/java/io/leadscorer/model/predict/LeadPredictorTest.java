package io.leadscorer.model.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.leadscorer.avro.MqlEvent;
import io.leadscorer.model.bundle.Bundle;
import io.leadscorer.model.bundle.BundleException;
import io.leadscorer.model.bundle.BundleWriter;
import io.leadscorer.model.bundle.Manifest;
import io.leadscorer.model.effects.EffectKeys;
import io.leadscorer.model.effects.ValueEffects;
import io.leadscorer.model.explain.Reason;
import io.leadscorer.model.explain.ReasonAttribution;
import io.leadscorer.model.explain.ValueReasons;
import io.leadscorer.model.network.BatchInputs;
import io.leadscorer.model.network.BertClassifier;
import io.leadscorer.model.network.BertConfig;
import io.leadscorer.model.network.BertWeights;
import io.leadscorer.model.testing.SyntheticLeads;
import io.leadscorer.model.testing.TinyBundles;
import io.leadscorer.model.text.LeadRecord;
import io.leadscorer.model.text.TextSpec;
import io.leadscorer.model.tiers.ScoreTiers;
import io.leadscorer.model.tokenizer.LeadTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeadPredictorTest {
    private static final EffectKeys KEYS = new EffectKeys(TextSpec.defaults());

    @TempDir
    static Path store;

    static Bundle bundle;

    @BeforeAll
    static void createBundle() {
        bundle = TinyBundles.create(store);
    }

    @Test
    void scoresTextsExactlyAsTheNetworkDoes() {
        List<String> texts = SyntheticLeads.texts(TextSpec.defaults(), 12, 5);
        float[] scores;
        try (LeadPredictor predictor = LeadPredictor.open(bundle, Device.cpu())) {
            assertThat(predictor.modelId()).isEqualTo(bundle.modelId());
            assertThat(predictor.threshold()).isEqualTo(0.5);
            assertThat(predictor.manifest()).isEqualTo(bundle.manifest());
            scores = predictor.predictTexts(texts);
        }

        float[] expected = manualScores(texts);
        assertThat(scores).hasSize(12);
        for (int i = 0; i < scores.length; i++) {
            assertThat(scores[i]).as("lead %d", i).isCloseTo(expected[i], within(1e-6f));
        }
        float min = 1;
        float max = 0;
        for (float score : scores) {
            min = Math.min(min, score);
            max = Math.max(max, score);
        }
        assertThat(min).as("lowest score").isLessThan(0.5f);
        assertThat(max).as("highest score").isGreaterThan(0.5f);
    }

    @Test
    void scoresEventsThroughTheBundlesTextSpec() {
        List<MqlEvent> events = SyntheticLeads.events(6, 9);
        try (LeadPredictor predictor = LeadPredictor.open(bundle, Device.cpu())) {
            List<String> texts = events.stream().map(predictor::leadText).toList();
            assertThat(texts.get(0)).startsWith("bant_submit_").contains(" customer_idx_");
            assertThat(predictor.predict(events)).containsExactly(predictor.predictTexts(texts));
            assertThat(predictor.predict(List.of())).isEmpty();
        }
    }

    @Test
    void bucketedScoresEqualUnbucketedOnes() {
        List<String> texts = SyntheticLeads.texts(TextSpec.defaults(), 45, 21);
        float[] scores;
        try (BundleModel model = BundleModel.load(bundle, Device.cpu(), positions -> ShapeBuckets.fixed(32, positions));
                LeadPredictor predictor = model.newPredictor()) {
            assertThat(predictor.buckets().chunkRows(45)).containsExactly(32, 32); // 19 padding rows
            scores = predictor.predictTexts(texts);
            float[] oneByOne = new float[texts.size()];
            for (int i = 0; i < texts.size(); i++) {
                oneByOne[i] = predictor.predictTexts(List.of(texts.get(i)))[0];
            }
            float[] unbucketed = manualScores(texts); // one pass of 45 rows, padded to the longest lead only
            for (int i = 0; i < scores.length; i++) {
                assertThat(scores[i]).as("lead %d in a batch", i).isCloseTo(unbucketed[i], within(1e-5f));
                assertThat(oneByOne[i]).as("lead %d alone", i).isCloseTo(unbucketed[i], within(1e-5f));
            }
        }
    }

    @Test
    void warmUpRunsEveryShapeOnceAndKeepsNoNativeMemory() {
        try (BundleModel model = BundleModel.load(bundle, Device.cpu(), positions -> ShapeBuckets.fixed(32, positions));
                LeadPredictor predictor = model.newPredictor()) {
            assertThat(predictor.buckets()).hasToString("rows [1, 8, 32] x tokens [16, 24, 32, 40, 48, 56, 64]");
            int weights = predictor.nativeArrays();
            assertThat(predictor.warmUp()).isEqualTo(3 * 7);
            assertThat(predictor.nativeArrays()).isEqualTo(weights);
        }
        try (LeadPredictor predictor = LeadPredictor.open(bundle, Device.cpu())) {
            assertThat(predictor.buckets()).hasToString("exact shapes in chunks of up to 32 rows");
            assertThat(predictor.warmUp()).isEqualTo(2);
        }
    }

    @Test
    void aBatchIsScoredOnlyByThePredictorThatTokenizedIt() {
        List<MqlEvent> events = SyntheticLeads.events(3, 9);
        try (BundleModel model = BundleModel.load(bundle, Device.cpu());
                LeadPredictor one = model.newPredictor();
                LeadPredictor two = model.newPredictor()) {
            TokenizedBatch batch = one.tokenize(events);
            assertThat(batch.size()).isEqualTo(3);
            assertThat(one.score(batch)).containsExactly(one.predict(events));
            assertThatThrownBy(() -> two.score(batch)).hasMessageContaining("tokenized by another predictor");
        }
    }

    @Test
    void aPredictorThatTokenizesLikeAnotherScoresItsBatchAsItsOwnWithItsOwnValueEffects() {
        List<MqlEvent> events = SyntheticLeads.events(5, 11);
        ValueEffects effects = new ValueEffects(Map.of("customer_idx", new ValueEffects.Column(1.5,
                Map.of(String.valueOf(events.get(0).getCustomerIdx()), 2.0))));
        Bundle sameText = TinyBundles.create(store, TinyBundles.DEFAULT_SEED, effects);
        Bundle otherTokenizer = TinyBundles.create(store, TinyBundles.DEFAULT_SEED + 1);
        try (LeadPredictor live = LeadPredictor.open(bundle, Device.cpu());
                LeadPredictor shadow = LeadPredictor.open(sameText, Device.cpu());
                LeadPredictor other = LeadPredictor.open(otherTokenizer, Device.cpu())) {
            assertThat(shadow.tokenizesLike(live)).isTrue();
            assertThat(other.tokenizesLike(live)).isFalse();

            TokenizedBatch adopted = shadow.adopt(live.tokenize(events));
            assertThat(shadow.score(adopted)).containsExactly(shadow.predict(events));
            assertThat(shadow.score(adopted)[0]).as("the shadow's own id effect").isNotEqualTo(live.predict(events)[0]);
            assertThatThrownBy(() -> other.adopt(live.tokenize(events))).hasMessageContaining("does not tokenize like");
        }
    }

    @Test
    void paddingDoesNotChangeALeadsScore() {
        List<String> texts = new ArrayList<>(SyntheticLeads.texts(TextSpec.defaults(), 200, 13));
        try (LeadTokenizer tokenizer = LeadTokenizer.load(bundle.file("tokenizer.json"), bundle.manifest().text().maxTokens());
                LeadPredictor predictor = LeadPredictor.open(bundle, Device.cpu())) {
            texts.sort(Comparator.comparingInt(t -> tokenizer.encode(t).length()));
            String shortest = texts.get(0);
            List<String> longer = texts.subList(texts.size() - 7, texts.size());
            assertThat(tokenizer.encode(longer.get(0)).length()).isGreaterThan(tokenizer.encode(shortest).length());

            float alone = predictor.predictTexts(List.of(shortest))[0];
            List<String> batch = new ArrayList<>(longer);
            batch.add(3, shortest);
            float inBatch = predictor.predictTexts(batch)[3];
            assertThat(inBatch).isCloseTo(alone, within(1e-5f));
        }
    }

    @Test
    void releasesNativeMemoryAfterEveryCall() {
        List<String> texts = SyntheticLeads.texts(TextSpec.defaults(), 100, 17);
        try (LeadPredictor predictor = LeadPredictor.open(bundle, Device.cpu())) {
            int weights = predictor.nativeArrays();
            float[] first = predictor.predictTexts(texts);
            predictor.predictTexts(texts);
            assertThat(predictor.nativeArrays()).isEqualTo(weights);
            for (int call = 0; call < 1_000; call++) { // 100,000 predictions
                predictor.predictTexts(texts);
                assertThat(predictor.nativeArrays()).as("native arrays after call %d", call).isEqualTo(weights);
            }
            assertThat(predictor.predictTexts(texts)).containsExactly(first);
        }
    }

    @Test
    void scoresLeadsWithTheirTierPercentileAndReasons() {
        ValueEffects effects = new ValueEffects(Map.of(
                "customer_job", new ValueEffects.Column(1, Map.of(KEYS.key("engineering"), 0.5,
                        KEYS.key("purchasing"), -0.75)),
                "enterprise", new ValueEffects.Column(1, Map.of(KEYS.key("Enterprise"), 0.25))));
        Bundle explained = TinyBundles.create(store, 11, effects);
        List<MqlEvent> events = SyntheticLeads.events(40, 4);
        try (LeadPredictor predictor = LeadPredictor.open(explained, Device.cpu())) {
            float[] probabilities = predictor.predict(events);
            List<LeadScore> scores = predictor.scoreLeads(predictor.tokenize(events), 3);
            ScoreTiers tiers = predictor.tiers().orElseThrow();

            assertThat(scores).hasSize(40);
            for (int i = 0; i < scores.size(); i++) {
                LeadScore score = scores.get(i);
                assertThat(score.probability()).isEqualTo(probabilities[i]);
                assertThat(score.tier()).isEqualTo(tiers.tier(probabilities[i]).name());
                assertThat(score.percentile()).isEqualTo(tiers.percentile(probabilities[i]));
                assertThat(score.reasons()).isEqualTo(predictor.reasons().top(LeadRecord.of(events.get(i)), 3));
            }
            assertThat(scores).flatExtracting(LeadScore::reasons).extracting(Reason::column)
                    .contains("customer_job", "enterprise");
            assertThat(predictor.scoreRecords(events.stream().map(LeadRecord::of).toList(), 0))
                    .allSatisfy(score -> assertThat(score.reasons()).isEmpty());
        }
    }

    @Test
    void withOcclusionTheReasonsAddTheNetworksSharesAndStayOffWhenNoneAreAsked() {
        ValueEffects effects = new ValueEffects(Map.of("enterprise", new ValueEffects.Column(1,
                Map.of(KEYS.key("Enterprise"), 0.25))));
        Bundle explained = TinyBundles.create(store, 11, effects);
        List<MqlEvent> events = SyntheticLeads.events(10, 4);
        List<LeadRecord> leads = events.stream().map(LeadRecord::of).toList();
        try (LeadPredictor predictor = LeadPredictor.open(explained, Device.cpu())) {
            int weights = predictor.nativeArrays();
            List<LeadScore> effectsOnly = predictor.scoreLeads(predictor.tokenize(events), 3);
            List<LeadScore> occluded = predictor.scoreLeads(predictor.tokenize(events), 3, ReasonAttribution.OCCLUSION);
            List<List<Reason>> all = predictor.allReasons(leads, ReasonAttribution.OCCLUSION);

            for (int i = 0; i < events.size(); i++) {
                assertThat(occluded.get(i).probability()).isEqualTo(effectsOnly.get(i).probability());
                Map<String, Double> byColumn = new java.util.HashMap<>();
                all.get(i).forEach(reason -> byColumn.put(reason.column(), reason.contribution()));
                assertThat(occluded.get(i).reasons()).hasSameSizeAs(ValueReasons.top(all.get(i), 3)).hasSizeGreaterThan(3)
                        .allSatisfy(reason -> assertThat(reason.contribution())
                                .isCloseTo(byColumn.get(reason.column()), within(1e-4)));
            }
            assertThat(effectsOnly).flatExtracting(LeadScore::reasons).extracting(Reason::column)
                    .containsOnly("enterprise");
            assertThat(predictor.scoreRecords(leads, 0, ReasonAttribution.OCCLUSION))
                    .allSatisfy(score -> assertThat(score.reasons()).isEmpty());
            assertThat(predictor.allReasons(List.of(), ReasonAttribution.OCCLUSION)).isEmpty();
            assertThat(predictor.nativeArrays()).as("native arrays after the occluded passes").isEqualTo(weights);
        }
    }

    @Test
    void effectsAndReasonsKeyTheLeadsValuesWithTheBundlesOwnSpec() {
        TextSpec d = TextSpec.defaults();
        TextSpec caseKept = new TextSpec(d.keptColumns(), d.droppedColumns(), d.stopWords(), d.removedCharacters(),
                d.separator(), false, d.significantDigits(), d.columnDigits(), d.maxValueChars(), d.missingToken(),
                TinyBundles.MAX_TOKENS);
        String enterprise = new EffectKeys(caseKept).key("Enterprise");
        assertThat(enterprise).isEqualTo("Enterprise").isNotEqualTo(KEYS.key("Enterprise"));
        ValueEffects effects = new ValueEffects(Map.of("enterprise", new ValueEffects.Column(1, Map.of(enterprise, 0.75))));
        Bundle withEffects = TinyBundles.create(store, 11, effects, caseKept);
        Bundle without = TinyBundles.create(store, 11, ValueEffects.NONE, caseKept);
        List<LeadRecord> leads = SyntheticLeads.events(40, 4).stream().map(LeadRecord::of).toList();
        double slope = withEffects.manifest().calibration().effectsSlope();

        try (LeadPredictor explained = LeadPredictor.open(withEffects, Device.cpu());
             LeadPredictor plain = LeadPredictor.open(without, Device.cpu())) {
            List<LeadScore> scores = explained.scoreRecords(leads, 3);
            float[] plainProbabilities = plain.predictRecords(leads);
            for (int i = 0; i < leads.size(); i++) {
                boolean isEnterprise = "Enterprise".equals(leads.get(i).value("enterprise"));
                assertThat(scores.get(i).reasons()).isEqualTo(isEnterprise
                        ? List.of(new Reason("enterprise", "Enterprise", slope * 0.75)) : List.of());
                assertThat(Calibration.logit(scores.get(i).probability()) - Calibration.logit(plainProbabilities[i]))
                        .isCloseTo(isEnterprise ? slope * 0.75 : 0, within(1e-3));
            }
        }
        assertThat(leads).anyMatch(lead -> "Enterprise".equals(lead.value("enterprise")));
    }

    @Test
    void aBundleWrittenBeforeTiersAndEffectsScoresLeadsWithoutThem() throws IOException {
        Bundle older;
        try (BundleWriter writer = BundleWriter.begin(store)) {
            for (String file : List.of(LeadPredictor.CONFIG_FILE, LeadPredictor.TOKENIZER_FILE, LeadPredictor.WEIGHTS_FILE)) {
                Files.copy(bundle.file(file), writer.staging().resolve(file));
            }
            Manifest m = bundle.manifest();
            older = writer.publish(Manifest.of("older-" + m.modelId(), m.createdAt(), null, m.network(), m.text(),
                    m.threshold(), Map.of(), Map.of()));
        }
        List<MqlEvent> events = SyntheticLeads.events(5, 4);
        try (LeadPredictor predictor = LeadPredictor.open(older, Device.cpu())) {
            assertThat(predictor.tiers()).isEmpty();
            assertThat(predictor.scoreLeads(predictor.tokenize(events), 3)).allSatisfy(score -> {
                assertThat(score.tier()).isNull();
                assertThat(score.percentile()).isNull();
                assertThat(score.reasons()).isEmpty();
            });
        }
    }

    @Test
    void refusesABundleWhoseConfigDisagreesWithItsManifest() throws IOException {
        Bundle bad;
        BertConfig stated = bundle.manifest().network();
        try (BundleWriter writer = BundleWriter.begin(store)) {
            copy("tokenizer.json", writer.staging());
            copy("model.safetensors", writer.staging());
            stated.withVocabSize(stated.vocabSize() + 1).write(writer.staging().resolve("config.json"));
            bad = writer.publish(Manifest.of("disagreeing-config", Instant.now(), null, stated,
                    TextSpec.defaults(), 0.5, Map.of(), Map.of()));
        }
        assertThatThrownBy(() -> LeadPredictor.open(bad, Device.cpu()))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("bundle disagreeing-config: config.json")
                .hasMessageContaining("differs from the manifest's network");
    }

    @Test
    void refusesATokenizerLargerThanTheEmbeddings() throws IOException {
        Bundle bad;
        BertConfig small = bundle.manifest().network().withVocabSize(20);
        try (BundleWriter writer = BundleWriter.begin(store)) {
            copy("tokenizer.json", writer.staging());
            small.write(writer.staging().resolve("config.json"));
            try (NDManager manager = NDManager.newBaseManager()) {
                BertClassifier net = new BertClassifier(small);
                net.initialize(manager);
                BertWeights.save(net, writer.staging().resolve("model.safetensors"));
            }
            bad = writer.publish(Manifest.of("small-vocabulary", Instant.now(), null, small,
                    TextSpec.defaults(), 0.5, Map.of(), Map.of()));
        }
        assertThatThrownBy(() -> LeadPredictor.open(bad, Device.cpu()))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("the network only 20 embeddings");
    }

    private static void copy(String name, Path staging) throws IOException {
        Files.copy(bundle.file(name), staging.resolve(name));
    }

    /** The bundle's network run by hand: tokenizer, padding, forward, sigmoid, without the predictor. */
    private static float[] manualScores(List<String> texts) {
        BertConfig config = BertConfig.read(bundle.file("config.json"));
        try (NDManager manager = NDManager.newBaseManager(Device.cpu());
                LeadTokenizer tokenizer = LeadTokenizer.load(bundle.file("tokenizer.json"), bundle.manifest().text().maxTokens())) {
            BertClassifier net = new BertClassifier(config);
            net.initialize(manager);
            BertWeights.load(net, bundle.file("model.safetensors"));
            NDArray logits = net.forward(new ParameterStore(manager, false),
                    BatchInputs.of(manager, tokenizer.encode(texts)), false).singletonOrThrow();
            float[] values = logits.toFloatArray();
            float[] probabilities = new float[values.length];
            for (int i = 0; i < values.length; i++) {
                probabilities[i] = (float) (1 / (1 + Math.exp(-values[i])));
            }
            return probabilities;
        }
    }
}
