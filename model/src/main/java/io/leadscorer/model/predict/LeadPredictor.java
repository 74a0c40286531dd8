package io.leadscorer.model.predict;

import ai.djl.Device;
import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import io.leadscorer.avro.MqlEvent;
import io.leadscorer.model.bundle.Bundle;
import io.leadscorer.model.bundle.BundleException;
import io.leadscorer.model.bundle.BundleText;
import io.leadscorer.model.bundle.Manifest;
import io.leadscorer.model.text.LeadRecord;
import io.leadscorer.model.text.LeadText;
import io.leadscorer.model.tokenizer.LeadTokenizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores leads with one model bundle: lead text built from the bundle's own spec, its tokenizer, its network;
 * one forward pass per call over the whole batch, padded to the batch's longest lead; probabilities are
 * sigmoid(logit). Each call's native memory lives in a DJL predictor context that is closed when the call returns.
 * Not thread-safe: one per scoring thread, each opened by {@link BundleModel#newPredictor} over a shared network, or
 * on its own by {@link #open}. Close it to free its native memory.
 */
public final class LeadPredictor implements AutoCloseable {

    public static final String CONFIG_FILE = BundleModel.CONFIG_FILE;
    public static final String TOKENIZER_FILE = BundleModel.TOKENIZER_FILE;
    public static final String WEIGHTS_FILE = BundleModel.WEIGHTS_FILE;

    private final BundleModel shared;
    private final boolean ownsModel;
    private final Bundle bundle;
    private final LeadText text;
    private final LeadTokenizer tokenizer;
    private final Predictor<List<String>, float[]> predictor;

    LeadPredictor(BundleModel shared, LeadTokenizer tokenizer, boolean ownsModel) {
        this.shared = shared;
        this.ownsModel = ownsModel;
        this.bundle = shared.bundle();
        this.text = BundleText.of(bundle);
        this.tokenizer = tokenizer;
        this.predictor = shared.djlModel().newPredictor(new LeadScoresTranslator(tokenizer));
    }

    /**
     * Loads the bundle's network onto {@code device} for this predictor alone (closed with it). Fails with a
     * {@link BundleException} when the bundle's files disagree with each other.
     */
    public static LeadPredictor open(Bundle bundle, Device device) {
        BundleModel model = BundleModel.load(bundle, device);
        try {
            return new LeadPredictor(model, model.newTokenizer(), true);
        } catch (RuntimeException e) {
            model.close();
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
        return shared.device();
    }

    /** Native arrays the model holds right now (its weights plus anything a call failed to release). */
    int nativeArrays() {
        return shared.nativeArrays();
    }

    /** Closes the predictor and its tokenizer, and the network too when this predictor opened it alone. */
    @Override
    public void close() {
        try (tokenizer; predictor) {
            // closes predictor, then tokenizer
        } finally {
            if (ownsModel) {
                shared.close();
            }
        }
    }
}
