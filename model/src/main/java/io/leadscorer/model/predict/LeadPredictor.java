package io.leadscorer.model.predict;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.translate.TranslateException;
import io.leadscorer.avro.MqlEvent;
import io.leadscorer.model.bundle.Bundle;
import io.leadscorer.model.bundle.BundleException;
import io.leadscorer.model.bundle.BundleText;
import io.leadscorer.model.bundle.Manifest;
import io.leadscorer.model.network.BertClassifier;
import io.leadscorer.model.network.BertConfig;
import io.leadscorer.model.network.BertWeights;
import io.leadscorer.model.text.LeadRecord;
import io.leadscorer.model.text.LeadText;
import io.leadscorer.model.tokenizer.LeadTokenizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores leads with one model bundle: lead text built from the bundle's own spec, its tokenizer, its network;
 * one forward pass per call over the whole batch, padded to the batch's longest lead; probabilities are
 * sigmoid(logit). Each call's native memory lives in a DJL predictor context that is closed when the call returns.
 * Not thread-safe: one per scoring thread. Close it to free the model's native memory.
 */
public final class LeadPredictor implements AutoCloseable {

    public static final String CONFIG_FILE = "config.json";
    public static final String TOKENIZER_FILE = "tokenizer.json";
    public static final String WEIGHTS_FILE = "model.safetensors";

    private final Bundle bundle;
    private final LeadText text;
    private final LeadTokenizer tokenizer;
    private final Model model;
    private final Predictor<List<String>, float[]> predictor;

    private LeadPredictor(Bundle bundle, LeadTokenizer tokenizer, Model model) {
        this.bundle = bundle;
        this.text = BundleText.of(bundle);
        this.tokenizer = tokenizer;
        this.model = model;
        this.predictor = model.newPredictor(new LeadScoresTranslator(tokenizer));
    }

    /**
     * Loads the bundle's network onto {@code device}. Fails with a {@link BundleException} when the bundle's
     * files disagree with each other (config vs manifest, tokenizer vs vocabulary, max tokens vs positions).
     */
    public static LeadPredictor open(Bundle bundle, Device device) {
        Manifest manifest = bundle.manifest();
        BertConfig config = BertConfig.read(bundle.file(CONFIG_FILE));
        if (!config.equals(manifest.network())) {
            throw new BundleException("bundle " + bundle.modelId() + ": " + CONFIG_FILE + " " + config
                    + " differs from the manifest's network " + manifest.network());
        }
        int maxTokens = manifest.text().maxTokens();
        if (maxTokens > config.maxPositionEmbeddings()) {
            throw new BundleException("bundle " + bundle.modelId() + ": max_tokens " + maxTokens
                    + " exceeds the network's max_position_embeddings " + config.maxPositionEmbeddings());
        }
        LeadTokenizer tokenizer = LeadTokenizer.load(bundle.file(TOKENIZER_FILE), maxTokens);
        Model model = null;
        try {
            if (tokenizer.vocabSize() > config.vocabSize()) {
                throw new BundleException("bundle " + bundle.modelId() + ": the tokenizer has " + tokenizer.vocabSize()
                        + " token ids but the network only " + config.vocabSize() + " embeddings");
            }
            model = Model.newInstance(bundle.modelId(), device, "PyTorch");
            BertClassifier net = new BertClassifier(config);
            net.initialize(model.getNDManager(), DataType.FLOAT32, BertClassifier.inputShapes(1, 1));
            BertWeights.load(net, bundle.file(WEIGHTS_FILE));
            model.setBlock(net);
            return new LeadPredictor(bundle, tokenizer, model);
        } catch (RuntimeException e) {
            if (model != null) {
                model.close();
            }
            tokenizer.close();
            throw e;
        }
    }

    /** Conversion probabilities, one per text, in order. */
    public float[] predictTexts(List<String> texts) {
        if (texts.isEmpty()) {
            return new float[0];
        }
        try {
            return bundle.manifest().calibration().apply(predictor.predict(texts));
        } catch (TranslateException e) {
            throw new PredictionException("model " + modelId() + " could not score a batch of " + texts.size()
                    + " leads: " + e.getMessage(), e);
        }
    }

    /** Conversion probabilities, one per event, in order. */
    public float[] predict(List<MqlEvent> events) {
        return predictRecords(events.stream().map(LeadRecord::of).toList());
    }

    /** Conversion probabilities, one per lead (an event or a CSV row), in order: the bundle's spec applied to each. */
    public float[] predictRecords(List<LeadRecord> leads) {
        List<String> texts = new ArrayList<>(leads.size());
        for (LeadRecord lead : leads) {
            texts.add(text.text(lead));
        }
        return predictTexts(texts);
    }

    /** The text this model reads for an event (the bundle's spec applied to it). */
    public String leadText(MqlEvent event) {
        return text.text(LeadRecord.of(event));
    }

    public Manifest manifest() {
        return bundle.manifest();
    }

    public String modelId() {
        return bundle.modelId();
    }

    public double threshold() {
        return bundle.manifest().threshold();
    }

    public Device device() {
        return model.getNDManager().getDevice();
    }

    /** Native arrays the model holds right now (its weights plus anything a call failed to release). */
    int nativeArrays() {
        return ((BaseNDManager) model.getNDManager()).getManagedArrays().size();
    }

    @Override
    public void close() {
        try (model; tokenizer; predictor) {
            // closes predictor, then tokenizer, then model
        }
    }
}
