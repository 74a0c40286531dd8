package io.leadscorer.model.predict;

import ai.djl.Device;
import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import io.leadscorer.avro.MqlEvent;
import io.leadscorer.model.bundle.Bundle;
import io.leadscorer.model.bundle.BundleException;
import io.leadscorer.model.bundle.BundleText;
import io.leadscorer.model.bundle.Manifest;
import io.leadscorer.model.effects.EffectKeys;
import io.leadscorer.model.effects.ValueEffects;
import io.leadscorer.model.explain.ColumnOcclusion;
import io.leadscorer.model.explain.Reason;
import io.leadscorer.model.explain.ReasonAttribution;
import io.leadscorer.model.explain.ValueReasons;
import io.leadscorer.model.tiers.ScoreTiers;
import io.leadscorer.model.text.IdRates;
import io.leadscorer.model.text.LeadRecord;
import io.leadscorer.model.text.LeadText;
import io.leadscorer.model.tokenizer.Encoded;
import io.leadscorer.model.tokenizer.LeadTokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Scores leads with one model bundle: lead text built from the bundle's own spec, its tokenizer, its network;
 * probabilities are sigmoid(logit + the lead's value effects, keyed by the same spec), calibrated by the manifest's
 * calibration. A batch runs as few forward passes of fixed shapes ({@link ShapeBuckets}): one when it fits the largest
 * row bucket. Each pass's native memory lives in a DJL predictor context that is closed when it returns. Scoring comes
 * in two halves, {@link #tokenize} (lead text and tokens, no native memory) and {@link #score} (the forward passes),
 * so that one thread may tokenize the next batch while another scores the
 * current one; each half is for one thread at a time. Opened by {@link BundleModel#newPredictor} over a shared
 * network, or on its own by {@link #open}. Close it to free its native memory.
 * <p>
 * {@link #scoreLeads} gives each lead what a sales rep reads beside its probability: its tier and percentile from the
 * bundle's {@link ScoreTiers} and its strongest {@link ValueReasons reasons}, from the value effects alone or, when
 * asked ({@link ReasonAttribution#OCCLUSION}), with each column's {@link ColumnOcclusion network share} added, whose
 * occluded leads run through the same fixed-shape passes (tokenized by a second tokenizer of the bundle's, the score
 * half's own).
 */
public final class LeadPredictor implements AutoCloseable {

    public static final String CONFIG_FILE = BundleModel.CONFIG_FILE;
    public static final String TOKENIZER_FILE = BundleModel.TOKENIZER_FILE;
    public static final String WEIGHTS_FILE = BundleModel.WEIGHTS_FILE;

    private final BundleModel shared;
    private final boolean ownsModel;
    private final Bundle bundle;
    private final LeadText text;
    private final ValueEffects effects;
    private final EffectKeys effectKeys;
    private final Optional<ScoreTiers> tiers;
    private final ValueReasons reasons;
    private final ColumnOcclusion occlusion;
    private final LeadTokenizer tokenizer;
    /** The score half's own tokenizer for occluded leads, opened on first use: the tokenize half may run beside it. */
    private LeadTokenizer occlusionTokenizer;
    private final ShapeBuckets buckets;
    private final Predictor<LeadScoresTranslator.Chunk, float[]> predictor;

    LeadPredictor(BundleModel shared, LeadTokenizer tokenizer, boolean ownsModel) {
        this.shared = shared;
        this.ownsModel = ownsModel;
        this.bundle = shared.bundle();
        this.text = BundleText.of(bundle);
        this.effects = shared.effects();
        this.effectKeys = new EffectKeys(bundle.manifest().text());
        this.tiers = shared.tiers();
        this.reasons = new ValueReasons(effects, effectKeys, bundle.manifest().calibration());
        this.occlusion = new ColumnOcclusion(text, bundle.manifest().calibration());
        this.tokenizer = tokenizer;
        this.buckets = shared.buckets();
        this.predictor = shared.djlModel().newPredictor(new LeadScoresTranslator());
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

    /** Conversion probabilities, one per text, in order (without value effects: a text does not name its values). */
    public float[] predictTexts(List<String> texts) {
        return score(tokenizeTexts(texts));
    }

    /** Conversion probabilities, one per event, in order. */
    public float[] predict(List<MqlEvent> events) {
        return score(tokenize(events));
    }

    /** The first half of {@link #predict}: each event's lead text, tokenized. */
    public TokenizedBatch tokenize(List<MqlEvent> events) {
        return tokenizeRecords(events.stream().map(LeadRecord::of).toList());
    }

    /** {@link #tokenize} of leads (events or CSV rows): the texts tokenized and the value effects' shifts. */
    public TokenizedBatch tokenizeRecords(List<LeadRecord> leads) {
        List<String> texts = new ArrayList<>(leads.size());
        for (LeadRecord lead : leads) {
            texts.add(text.text(lead));
        }
        return tokenize(texts, effects.shifts(leads, effectKeys), leads);
    }

    private TokenizedBatch tokenizeTexts(List<String> texts) {
        return tokenize(texts, new double[texts.size()], List.of());
    }

    private TokenizedBatch tokenize(List<String> texts, double[] shifts, List<LeadRecord> leads) {
        return new TokenizedBatch(this, texts.isEmpty() ? List.of() : tokenizer.encode(texts), shifts, leads);
    }

    /**
     * Whether this predictor reads leads exactly as {@code other} does: the same lead-text spec, id rates and tokenizer
     * (by their checksums in the manifests), so that a batch {@code other} tokenized can be {@link #adopt adopted}.
     */
    public boolean tokenizesLike(LeadPredictor other) {
        Manifest mine = manifest();
        Manifest theirs = other.manifest();
        return mine.text().equals(theirs.text())
                && Objects.equals(mine.files().get(TOKENIZER_FILE), theirs.files().get(TOKENIZER_FILE))
                && Objects.equals(mine.files().get(IdRates.FILE), theirs.files().get(IdRates.FILE));
    }

    /**
     * A batch tokenized by a predictor that {@link #tokenizesLike tokenizes like} this one, made this predictor's own
     * without tokenizing it again: the same tokens, with this bundle's id effects.
     */
    public TokenizedBatch adopt(TokenizedBatch batch) {
        if (!tokenizesLike(batch.owner())) {
            throw new IllegalArgumentException("model " + modelId() + " does not tokenize like "
                    + batch.owner().modelId());
        }
        List<LeadRecord> leads = batch.records();
        double[] shifts = leads.isEmpty() ? new double[batch.size()] : effects.shifts(leads, effectKeys);
        return new TokenizedBatch(this, batch.leads(), shifts, leads);
    }

    /** The second half of {@link #predict}: conversion probabilities of a batch this predictor tokenized, in order. */
    public float[] score(TokenizedBatch batch) {
        requireOwn(batch);
        return served(network(batch.leads()), batch);
    }

    /** The bundle's probabilities of a batch from the network's: its value effects added and calibrated. */
    private float[] served(float[] network, TokenizedBatch batch) {
        return bundle.manifest().calibration().apply(network, batch.shifts());
    }

    private void requireOwn(TokenizedBatch batch) {
        if (batch.owner() != this) {
            throw new IllegalArgumentException("a batch tokenized by another predictor cannot be scored by this one");
        }
    }

    /** The network's own probabilities of tokenized leads, in order, in passes of the buckets' shapes. */
    private float[] network(List<Encoded> leads) {
        float[] probabilities = new float[leads.size()];
        int start = 0;
        for (int rows : buckets.chunkRows(leads.size())) {
            List<Encoded> chunk = leads.subList(start, Math.min(leads.size(), start + rows));
            int longest = chunk.stream().mapToInt(Encoded::length).max().orElseThrow();
            float[] scores = forward(new LeadScoresTranslator.Chunk(chunk, rows, buckets.length(longest)));
            System.arraycopy(scores, 0, probabilities, start, chunk.size());
            start += chunk.size();
        }
        return probabilities;
    }

    /** The network's own probabilities of lead texts, tokenized by the score half's own tokenizer. */
    private float[] networkOfTexts(List<String> texts) {
        if (occlusionTokenizer == null) {
            occlusionTokenizer = shared.newTokenizer();
        }
        return network(occlusionTokenizer.encode(texts));
    }

    /**
     * {@link #score} with each lead's tier, percentile and up to {@code reasonsPerDirection} reasons each way from the
     * value effects alone, in order. Leads of a batch tokenized from texts get no reasons (a text does not name its
     * values' effects).
     */
    public List<LeadScore> scoreLeads(TokenizedBatch batch, int reasonsPerDirection) {
        return scoreLeads(batch, reasonsPerDirection, ReasonAttribution.EFFECTS);
    }

    /**
     * {@link #scoreLeads(TokenizedBatch, int)} with reasons by {@code attribution}; {@link ReasonAttribution#OCCLUSION}
     * runs one more network row per column a lead has a value in (none when no reasons are asked for).
     */
    public List<LeadScore> scoreLeads(TokenizedBatch batch, int reasonsPerDirection, ReasonAttribution attribution) {
        requireOwn(batch);
        if (reasonsPerDirection < 0) {
            throw new IllegalArgumentException("reasons per direction must not be negative, was " + reasonsPerDirection);
        }
        float[] network = network(batch.leads());
        float[] probabilities = served(network, batch);
        List<LeadRecord> leads = batch.records();
        List<List<Reason>> top = leads.isEmpty() || reasonsPerDirection == 0 ? null
                : reasons(leads, network, attribution).stream().map(r -> ValueReasons.top(r, reasonsPerDirection)).toList();
        List<LeadScore> scores = new ArrayList<>(probabilities.length);
        for (int i = 0; i < probabilities.length; i++) {
            float probability = probabilities[i];
            scores.add(new LeadScore(probability, tiers.map(t -> t.tier(probability).name()).orElse(null),
                    tiers.map(t -> t.percentile(probability)).orElse(null), top == null ? List.of() : top.get(i)));
        }
        return scores;
    }

    /**
     * Every reason of each lead by {@code attribution}, unranked: the value effects' contributions, with each column's
     * network share added for {@link ReasonAttribution#OCCLUSION}. Part of the score half: not beside another call of it.
     */
    public List<List<Reason>> allReasons(List<? extends LeadRecord> leads, ReasonAttribution attribution) {
        float[] network = attribution == ReasonAttribution.OCCLUSION && !leads.isEmpty()
                ? networkOfTexts(leads.stream().map(text::text).toList()) : new float[leads.size()];
        return reasons(List.copyOf(leads), network, attribution);
    }

    private List<List<Reason>> reasons(List<LeadRecord> leads, float[] network, ReasonAttribution attribution) {
        if (attribution == ReasonAttribution.EFFECTS) {
            return leads.stream().map(reasons::all).toList();
        }
        List<Map<String, Double>> shares = occlusion.shares(leads, network, this::networkOfTexts);
        List<List<Reason>> all = new ArrayList<>(leads.size());
        for (int i = 0; i < leads.size(); i++) {
            all.add(reasons.all(leads.get(i), shares.get(i)));
        }
        return all;
    }

    /** {@link #scoreLeads} of leads (events or CSV rows), in order. */
    public List<LeadScore> scoreRecords(List<LeadRecord> leads, int reasonsPerDirection) {
        return scoreLeads(tokenizeRecords(leads), reasonsPerDirection);
    }

    /** {@link #scoreLeads(TokenizedBatch, int, ReasonAttribution)} of leads (events or CSV rows), in order. */
    public List<LeadScore> scoreRecords(List<LeadRecord> leads, int reasonsPerDirection, ReasonAttribution attribution) {
        return scoreLeads(tokenizeRecords(leads), reasonsPerDirection, attribution);
    }

    /** The bundle's tiers and percentile table; empty for a bundle written before them. */
    public Optional<ScoreTiers> tiers() {
        return tiers;
    }

    /**
     * How this bundle's value effects explain a lead's score; {@link ValueReasons#isEmpty empty} without them (the
     * network's shares: {@link #allReasons}).
     */
    public ValueReasons reasons() {
        return reasons;
    }

    /**
     * Runs the network once at every {@link ShapeBuckets#warmUpShapes warm-up shape}, so that a device sees each fixed
     * shape before the first real batch does (a GPU compiles per shape); returns how many shapes ran. Fails with a {@link PredictionException}
     * when a pass gives something other than probabilities.
     */
    public int warmUp() {
        List<int[]> shapes = buckets.warmUpShapes();
        for (int[] shape : shapes) {
            int rows = shape[0];
            int tokens = shape[1];
            long[] ids = new long[tokens];
            Arrays.fill(ids, tokenizer.padId());
            long[] mask = new long[tokens];
            Arrays.fill(mask, 1L);
            for (float score : forward(new LeadScoresTranslator.Chunk(List.of(new Encoded(ids, mask)), rows, tokens))) {
                if (!(score >= 0f && score <= 1f)) {
                    throw new PredictionException("model " + modelId() + " gave " + score + " at shape [" + rows
                            + ", " + tokens + "], not a probability", null);
                }
            }
        }
        return shapes.size();
    }

    private float[] forward(LeadScoresTranslator.Chunk chunk) {
        try {
            return predictor.predict(chunk);
        } catch (TranslateException e) {
            throw new PredictionException("model " + modelId() + " could not score a batch of " + chunk.leads().size()
                    + " leads: " + e.getMessage(), e);
        }
    }

    /** The shapes this predictor runs the network with. */
    public ShapeBuckets buckets() {
        return buckets;
    }

    /** Conversion probabilities, one per lead (an event or a CSV row), in order: the bundle's spec applied to each. */
    public float[] predictRecords(List<LeadRecord> leads) {
        return score(tokenizeRecords(leads));
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

    /** Closes the predictor and its tokenizers, and the network too when this predictor opened it alone. */
    @Override
    public void close() {
        try (tokenizer; LeadTokenizer occlusion = occlusionTokenizer; predictor) {
            // closes predictor, then the tokenizers
        } finally {
            if (ownsModel) {
                shared.close();
            }
        }
    }
}
