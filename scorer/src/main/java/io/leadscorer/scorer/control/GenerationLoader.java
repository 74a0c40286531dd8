package io.leadscorer.scorer.control;

import ai.djl.Device;
import io.leadscorer.avro.MqlEvent;
import io.leadscorer.model.bundle.Bundle;
import io.leadscorer.model.bundle.BundleLimits;
import io.leadscorer.model.predict.BundleModel;
import io.leadscorer.model.predict.LeadPredictor;
import io.leadscorer.model.text.LeadColumns;
import io.leadscorer.scorer.predict.Generation;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.avro.Schema;

/**
 * Builds a model generation from a bundle directory, off the stream threads, checking everything before anything is
 * served: the bundle's files against their checksums and size bounds, the manifest's fingerprint and model id against
 * the command, the lead-text spec against the input schema (every kept column a field of {@link MqlEvent}), the
 * network against the tokenizer; then one warm-up forward pass at every shape of the model's buckets (so a device
 * never meets a new shape on the hot path), one lead through the whole path, and one predictor opened per stream
 * thread, so the first real batch on the new generation pays no first-call, shape or opening cost.
 */
public final class GenerationLoader {

    private final Device device;
    private final BundleLimits limits;
    private final int batchSize;
    private final int streamThreads;
    private final Consumer<Generation> onClosed;
    private final AtomicLong numbers = new AtomicLong();

    public GenerationLoader(Device device, BundleLimits limits, int batchSize, int streamThreads,
                            Consumer<Generation> onClosed) {
        this.device = device;
        this.streamThreads = streamThreads;
        this.limits = limits;
        this.batchSize = batchSize;
        this.onClosed = onClosed;
    }

    /**
     * Loads the bundle at {@code dir}; {@code expectedSha256} and {@code expectedModelId} (null to skip: the configured
     * initial bundle) must match its manifest. Any failure is a {@link RejectedBundleException} with the reason.
     */
    public Generation load(Path dir, String expectedModelId, String expectedSha256) {
        Bundle bundle;
        try {
            bundle = Bundle.open(dir, limits);
        } catch (RuntimeException e) {
            throw new RejectedBundleException(e.getMessage(), e);
        }
        if (expectedSha256 != null && !expectedSha256.equalsIgnoreCase(bundle.manifestSha256())) {
            throw new RejectedBundleException("manifest.json of " + dir + " has SHA-256 " + bundle.manifestSha256()
                    + " but the command says " + expectedSha256);
        }
        if (expectedModelId != null && !expectedModelId.equals(bundle.modelId())) {
            throw new RejectedBundleException("the manifest's model id " + bundle.modelId()
                    + " differs from the command's " + expectedModelId);
        }
        List<String> unserved = unservedColumns(bundle.manifest().text().keptColumns());
        if (!unserved.isEmpty()) {
            throw new RejectedBundleException("the bundle's lead-text spec reads columns the input schema "
                    + MqlEvent.getClassSchema().getFullName() + " lacks: " + unserved);
        }
        BundleModel model;
        try {
            model = BundleModel.load(bundle, device, batchSize);
        } catch (RuntimeException e) {
            throw new RejectedBundleException("cannot load the network of " + bundle.modelId() + ": " + e.getMessage(), e);
        }
        try (LeadPredictor predictor = model.newPredictor()) {
            predictor.warmUp();
            float score = predictor.predict(List.of(warmUpLead()))[0];
            if (!(score >= 0f && score <= 1f)) {
                throw new RejectedBundleException("the warm-up pass of " + bundle.modelId() + " gave " + score
                        + ", not a probability");
            }
        } catch (RuntimeException e) {
            model.close();
            if (e instanceof RejectedBundleException rejected) {
                throw rejected;
            }
            throw new RejectedBundleException("the warm-up pass of " + bundle.modelId() + " failed: " + e.getMessage(), e);
        }
        Generation generation = new Generation(numbers.incrementAndGet(), model, onClosed);
        try {
            generation.prepare(streamThreads);
        } catch (RuntimeException e) {
            generation.retire();
            throw new RejectedBundleException("cannot open predictors on " + bundle.modelId() + ": " + e.getMessage(), e);
        }
        return generation;
    }

    private static List<String> unservedColumns(List<String> columns) {
        Schema input = MqlEvent.getClassSchema();
        List<String> unserved = new ArrayList<>();
        for (String column : columns) {
            String field = LeadColumns.isKnown(column) ? LeadColumns.byName(column).name() : column;
            if (input.getField(field) == null) {
                unserved.add(column);
            }
        }
        return unserved;
    }

    private static MqlEvent warmUpLead() {
        return MqlEvent.newBuilder().setLeadId("warm-up").setEventTime(Instant.EPOCH).build();
    }
}
