package io.leadscorer.model.predict;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.types.DataType;
import io.leadscorer.model.bundle.Bundle;
import io.leadscorer.model.bundle.BundleException;
import io.leadscorer.model.bundle.Manifest;
import io.leadscorer.model.effects.ValueEffects;
import io.leadscorer.model.network.BertClassifier;
import io.leadscorer.model.network.BertConfig;
import io.leadscorer.model.network.BertWeights;
import io.leadscorer.model.tiers.ScoreTiers;
import io.leadscorer.model.tokenizer.LeadTokenizer;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * One bundle's network loaded once onto a device and shared by any number of {@link LeadPredictor}s, one per scoring
 * thread (DJL's one {@code Model}, many {@code Predictor}s). Everything is read from the bundle's verified bytes, never
 * again from its directory. Close it only after every predictor opened on it is closed.
 */
public final class BundleModel implements AutoCloseable {

    public static final String CONFIG_FILE = "config.json";
    public static final String TOKENIZER_FILE = "tokenizer.json";
    public static final String WEIGHTS_FILE = "model.safetensors";

    /** The batch size {@link #load(Bundle, Device)} plans shapes for: 128 rows on a GPU, 32 on the CPU. */
    public static final int DEFAULT_MAX_BATCH = 128;

    private final Bundle bundle;
    private final Model model;
    private final byte[] tokenizerJson;
    private final ValueEffects effects;
    private final Optional<ScoreTiers> tiers;
    private final ShapeBuckets buckets;

    private BundleModel(Bundle bundle, Model model, byte[] tokenizerJson, ValueEffects effects, Optional<ScoreTiers> tiers,
                        ShapeBuckets buckets) {
        this.bundle = bundle;
        this.model = model;
        this.tokenizerJson = tokenizerJson;
        this.effects = effects;
        this.tiers = tiers;
        this.buckets = buckets;
    }

    /** {@link #load(Bundle, Device, int)} for batches of up to {@link #DEFAULT_MAX_BATCH}. */
    public static BundleModel load(Bundle bundle, Device device) {
        return load(bundle, device, DEFAULT_MAX_BATCH);
    }

    /**
     * Loads the bundle's network onto {@code device}, to be run with the {@link ShapeBuckets#standard standard shapes}
     * for batches of up to {@code maxBatch} leads. Fails with a {@link BundleException} when the bundle's files
     * disagree with each other (config vs manifest, tokenizer vs vocabulary, max tokens vs positions).
     */
    public static BundleModel load(Bundle bundle, Device device, int maxBatch) {
        return load(bundle, device, maxPositions -> ShapeBuckets.standard(device, maxBatch, maxPositions));
    }

    /** Loads the bundle's network onto {@code device}, run with the buckets made for its maximum positions. */
    public static BundleModel load(Bundle bundle, Device device, IntFunction<ShapeBuckets> bucketsForPositions) {
        Manifest manifest = bundle.manifest();
        BertConfig config = BertConfig.fromJson(bundle.bytes(CONFIG_FILE), bundle.modelId() + "/" + CONFIG_FILE);
        if (!config.equals(manifest.network())) {
            throw new BundleException("bundle " + bundle.modelId() + ": " + CONFIG_FILE + " " + config
                    + " differs from the manifest's network " + manifest.network());
        }
        int maxTokens = manifest.text().maxTokens();
        if (maxTokens > config.maxPositionEmbeddings()) {
            throw new BundleException("bundle " + bundle.modelId() + ": max_tokens " + maxTokens
                    + " exceeds the network's max_position_embeddings " + config.maxPositionEmbeddings());
        }
        byte[] tokenizerJson = bundle.bytes(TOKENIZER_FILE);
        ValueEffects effects = ValueEffects.of(bundle);
        Optional<ScoreTiers> tiers = ScoreTiers.of(bundle);
        try (LeadTokenizer tokenizer = openTokenizer(bundle, tokenizerJson)) {
            if (tokenizer.vocabSize() > config.vocabSize()) {
                throw new BundleException("bundle " + bundle.modelId() + ": the tokenizer has " + tokenizer.vocabSize()
                        + " token ids but the network only " + config.vocabSize() + " embeddings");
            }
        }
        Model model = Model.newInstance(bundle.modelId(), device, "PyTorch");
        try {
            BertClassifier net = new BertClassifier(config);
            net.initialize(model.getNDManager(), DataType.FLOAT32, BertClassifier.inputShapes(1, 1));
            BertWeights.load(net, bundle.bytes(WEIGHTS_FILE), bundle.modelId() + "/" + WEIGHTS_FILE);
            model.setBlock(net);
            return new BundleModel(bundle, model, tokenizerJson, effects, tiers,
                    bucketsForPositions.apply(config.maxPositionEmbeddings()));
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** A predictor of its own for one scoring thread: its own tokenizer and DJL predictor over the shared network. */
    public LeadPredictor newPredictor() {
        return new LeadPredictor(this, newTokenizer(), false);
    }

    LeadTokenizer newTokenizer() {
        return openTokenizer(bundle, tokenizerJson);
    }

    private static LeadTokenizer openTokenizer(Bundle bundle, byte[] json) {
        return LeadTokenizer.load(json, bundle.modelId() + "/" + TOKENIZER_FILE, bundle.manifest().text().maxTokens());
    }

    /** The bundle's value effects, read once for every predictor on this model. */
    ValueEffects effects() {
        return effects;
    }

    /** The bundle's tiers and percentile table, read once; empty for a bundle written before them. */
    public Optional<ScoreTiers> tiers() {
        return tiers;
    }

    public Bundle bundle() {
        return bundle;
    }

    public String modelId() {
        return bundle.modelId();
    }

    /** The shapes every predictor on this model runs the network with. */
    public ShapeBuckets buckets() {
        return buckets;
    }

    public Device device() {
        return model.getNDManager().getDevice();
    }

    Model djlModel() {
        return model;
    }

    /** Native arrays the model holds right now (its weights plus anything a call failed to release). */
    int nativeArrays() {
        return ((BaseNDManager) model.getNDManager()).getManagedArrays().size();
    }

    @Override
    public void close() {
        model.close();
    }
}
