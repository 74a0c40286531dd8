package io.leadscorer.scorer.control;

import io.leadscorer.avro.ModelCommand;
import io.leadscorer.avro.ModelState;
import io.leadscorer.model.bundle.Lineage;
import io.leadscorer.scorer.metrics.ScorerMetrics;
import io.leadscorer.scorer.predict.ActiveGeneration;
import io.leadscorer.scorer.predict.Generation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what this instance serves. At startup it serves the newest command of the control topic that loads (older
 * ones are the fallback when the newest is rejected), else the configured initial bundle. Afterwards each command
 * newer than every command seen so far is loaded, verified and warmed up by the {@link GenerationLoader} and then
 * made active between two batches; one that fails is REJECTED and the current model keeps serving. A command whose
 * sequence is not above the highest seen (a replay, an older command) is ignored. Called from one thread only.
 */
public final class ModelDeployer {

    private static final Logger LOG = LoggerFactory.getLogger(ModelDeployer.class);

    private final BundleLocator locator;
    private final GenerationLoader loader;
    private final ActiveGeneration active;
    private final ModelStatusPublisher status;
    private final ScorerMetrics metrics;
    private final Path initialBundle;
    private long highestSequence = Long.MIN_VALUE;

    public ModelDeployer(BundleLocator locator, GenerationLoader loader, ActiveGeneration active,
                         ModelStatusPublisher status, ScorerMetrics metrics, Path initialBundle) {
        this.locator = locator;
        this.loader = loader;
        this.active = active;
        this.status = status;
        this.metrics = metrics;
        this.initialBundle = initialBundle;
    }

    /**
     * Serves the newest command of {@code history} (this deployment's commands, in topic order) that loads, else the
     * initial bundle. Commands that were ignored when they arrived (not newer than one before them) stay ignored.
     */
    public void startUp(List<ControlRecord> history) {
        List<ControlRecord> accepted = new ArrayList<>();
        List<ControlRecord> inTopicOrder = new ArrayList<>(history);
        inTopicOrder.sort(Comparator.comparingInt(ControlRecord::partition).thenComparingLong(ControlRecord::offset));
        for (ControlRecord record : inTopicOrder) {
            if (admit(record)) {
                accepted.add(record);
            }
        }
        accepted.sort(ControlRecord.ORDER.reversed());
        for (ControlRecord record : accepted) {
            if (apply(record)) {
                return;
            }
            LOG.warn("Falling back from {} to the command before it", record);
        }
        if (!Files.exists(initialBundle)) {
            LOG.warn("No command on the control topic could be served and there is no initial bundle at {}; "
                    + "not ready until a model is deployed", initialBundle);
            return;
        }
        String modelId = String.valueOf(initialBundle.getFileName());
        status.publish(modelId, ModelState.LOADING, null);
        long start = System.nanoTime();
        try {
            activate(loader.load(initialBundle, null, null), start);
        } catch (RejectedBundleException e) {
            reject(modelId, e);
        }
    }

    /** A command read after startup: applied when it is newer than everything seen, ignored otherwise. */
    public void onCommand(ControlRecord record) {
        if (!admit(record)) {
            LOG.info("Ignoring {}: not newer than sequence {} already seen", record, highestSequence);
            metrics.modelCommand("ignored");
            return;
        }
        apply(record);
    }

    /** Whether the command is newer than every one seen (or has no sequence); remembers its sequence if so. */
    private boolean admit(ControlRecord record) {
        long sequence = record.command().getSequence();
        if (sequence != 0 && sequence <= highestSequence) {
            return false;
        }
        highestSequence = Math.max(highestSequence, sequence);
        return true;
    }

    private boolean apply(ControlRecord record) {
        ModelCommand command = record.command();
        String modelId = command.getModelId();
        LOG.info("Control command {} requested by {}", record, command.getRequestedBy());
        status.publish(modelId, ModelState.LOADING, null);
        long start = System.nanoTime();
        try {
            Path dir = locator.locate(command.getBundleUri(), modelId);
            activate(loader.load(dir, modelId, command.getManifestSha256()), start);
            return true;
        } catch (RejectedBundleException e) {
            reject(modelId, e);
            return false;
        }
    }

    private void activate(Generation generation, long startNanos) {
        metrics.generationOpened();
        active.switchTo(generation);
        long nanos = System.nanoTime() - startNanos;
        metrics.modelLoaded(nanos);
        Lineage lineage = generation.bundle().manifest().lineage();
        LOG.info("Model {} (generation {}) serving from {} on {} at threshold {}; verified, loaded and warmed up in {} ms; {}",
                generation.modelId(), generation.number(), generation.bundle().dir(), generation.device(),
                generation.bundle().manifest().threshold(), nanos / 1_000_000,
                lineage == null ? "no lineage recorded (written before bundles did)" : lineage.summary());
        metrics.modelCommand("active");
        status.publish(generation.modelId(), ModelState.ACTIVE, null);
    }

    private void reject(String modelId, RejectedBundleException e) {
        metrics.modelCommand("rejected");
        String serving = active.current().map(Generation::modelId).orElse("none");
        status.publish(modelId, ModelState.REJECTED, e.getMessage() + " (still serving " + serving + ")");
    }
}
