package io.leadscorer.model.testing;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.leadscorer.model.bundle.Bundle;
import io.leadscorer.model.bundle.BundleWriter;
import io.leadscorer.model.bundle.Manifest;
import io.leadscorer.model.effects.ValueEffects;
import io.leadscorer.model.network.BertClassifier;
import io.leadscorer.model.network.BertConfig;
import io.leadscorer.model.network.BertWeights;
import io.leadscorer.model.predict.Calibration;
import io.leadscorer.model.predict.LeadPredictor;
import io.leadscorer.model.reference.ReferenceProfile;
import io.leadscorer.model.text.LeadRecord;
import io.leadscorer.model.tiers.PercentileTable;
import io.leadscorer.model.tiers.ScoreTiers;
import io.leadscorer.model.text.TextSpec;
import io.leadscorer.model.tokenizer.LeadTokenizer;
import io.leadscorer.model.tokenizer.WordPieceTokenizerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Complete, valid model bundles in milliseconds for other modules' tests: a WordPiece tokenizer built from
 * seeded synthetic lead texts and a tiny random BERT (hidden 16, 1 layer, 2 heads), published through
 * {@link BundleWriter} with {@link TextSpec#defaults()} at {@link #MAX_TOKENS} tokens and threshold 0.5, the corpus
 * leads' {@link ReferenceProfile} as the trainer's bundles have one, and {@link ScoreTiers} in the default shares over
 * an even spread of probabilities (no lead is validated: a probability's percentile is about 100 times it, and tier A
 * starts near 0.9). Nothing is trained; the weights are
 * large enough that scores spread over (0, 1) rather than sit at 0.5. The same seed gives the same tokenizer,
 * weights and scores; every call publishes a new model id.
 */
public final class TinyBundles {

    public static final long DEFAULT_SEED = 42;
    public static final double THRESHOLD = 0.5;
    /**
     * Tokens per lead: more than the default, because the 400-entry vocabulary splits most values into
     * characters, so these texts are longer than those of a tokenizer built from real training text.
     */
    public static final int MAX_TOKENS = 64;

    private static final int CORPUS_LEADS = 300;
    private static final float WEIGHT_STD = 0.5f;

    private TinyBundles() {}

    public static Bundle create(Path store) {
        return create(store, DEFAULT_SEED);
    }

    public static Bundle create(Path store, long seed) {
        return create(store, seed, ValueEffects.NONE);
    }

    /** A bundle of this seed whose predictor adds {@code effects} (written as its id_effects.json unless empty). */
    public static Bundle create(Path store, long seed, ValueEffects effects) {
        return create(store, seed, effects, TextSpec.defaults().withMaxTokens(MAX_TOKENS));
    }

    /** As {@link #create(Path, long, ValueEffects)}, with lead text (and the effects' keys) of this spec. */
    public static Bundle create(Path store, long seed, ValueEffects effects, TextSpec spec) {
        try (BundleWriter writer = BundleWriter.begin(store)) {
            Path staging = writer.staging();
            Path tokenizerFile = staging.resolve(LeadPredictor.TOKENIZER_FILE);
            new WordPieceTokenizerBuilder().vocabSize(400).minFrequency(2)
                    .build(SyntheticLeads.texts(spec, CORPUS_LEADS, seed), tokenizerFile);
            int vocabSize;
            try (LeadTokenizer tokenizer = LeadTokenizer.load(tokenizerFile, spec.maxTokens())) {
                vocabSize = tokenizer.vocabSize();
            }
            BertConfig config = tinyConfig(vocabSize, spec.maxTokens());
            config.write(staging.resolve(LeadPredictor.CONFIG_FILE));
            Path weights = staging.resolve(LeadPredictor.WEIGHTS_FILE);
            writeRandomWeights(config, seed, weights);
            if (!effects.isEmpty()) {
                effects.write(staging.resolve(ValueEffects.FILE));
            }
            writeReference(staging.resolve(ReferenceProfile.FILE_NAME), seed);
            writeTiers(staging.resolve(ScoreTiers.FILE_NAME), seed);

            Instant created = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            String modelId = BundleWriter.newModelId(created, digest(weights, staging.getFileName().toString()));
            return writer.publish(Manifest.of(modelId, created, null, config, spec, THRESHOLD,
                    Map.of("synthetic", true, "seed", seed), Map.of()));
        }
    }

    /** The bundle's files published again under a new model id ({@code recalibrated-<id>}) with the given calibration. */
    public static Bundle recalibrated(Path store, Bundle bundle, Calibration calibration) {
        try (BundleWriter writer = BundleWriter.begin(store)) {
            for (String file : bundle.manifest().files().keySet()) {
                Files.copy(bundle.file(file), writer.staging().resolve(file));
            }
            Manifest m = bundle.manifest();
            return writer.publish(Manifest.of("recalibrated-" + m.modelId(), m.createdAt(), null, m.network(), m.text(),
                    m.threshold(), Map.of(), Map.of()).withCalibration(calibration));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static BertConfig tinyConfig(int vocabSize, int maxTokens) {
        return new BertConfig(vocabSize, 16, 1, 2, 32, maxTokens, 2, 0.1, 0.1, 1e-12, BertConfig.GELU);
    }

    /** Seeded N(0, 0.5) for every weight and bias, LayerNorm scales 1: deterministic without the engine's RNG. */
    static void writeRandomWeights(BertConfig config, long seed, Path file) {
        Random random = new Random(seed);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            BertClassifier net = new BertClassifier(config);
            net.initialize(manager);
            net.parametersByHfName().forEach((name, parameter) -> {
                float[] values = new float[Math.toIntExact(parameter.getShape().size())];
                boolean scale = name.endsWith("LayerNorm.weight");
                for (int i = 0; i < values.length; i++) {
                    values[i] = scale ? 1f : (float) random.nextGaussian() * WEIGHT_STD;
                }
                parameter.getArray().set(values);
            });
            BertWeights.save(net, file);
        }
    }

    /** The reference of the corpus leads, as the trainer writes one of its training rows (no score reference). */
    private static void writeReference(Path file, long seed) {
        List<LeadRecord> leads = SyntheticLeads.events(CORPUS_LEADS, seed).stream().map(LeadRecord::of).toList();
        try {
            Files.write(file, ReferenceProfile.fit(leads, null, 20, 10).toJson());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Tiers over probabilities spread evenly on (0, 1), each lead converting with its probability. */
    private static void writeTiers(Path file, long seed) {
        Random random = new Random(seed);
        double[] probabilities = new double[CORPUS_LEADS];
        boolean[] converted = new boolean[CORPUS_LEADS];
        for (int i = 0; i < CORPUS_LEADS; i++) {
            probabilities[i] = (i + 0.5) / CORPUS_LEADS;
            converted[i] = random.nextDouble() < probabilities[i];
        }
        try {
            Files.write(file, ScoreTiers.fit(probabilities, converted, ScoreTiers.DEFAULT_SHARES,
                    PercentileTable.DEFAULT_QUANTILES).toJson());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] digest(Path weights, String salt) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(Files.readAllBytes(weights));
            digest.update(salt.getBytes(StandardCharsets.UTF_8));
            return digest.digest();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
