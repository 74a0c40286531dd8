package io.leadscorer.scorer.control;

import io.leadscorer.avro.ModelCommand;
import io.leadscorer.avro.ModelState;
import io.leadscorer.avro.ServingRole;
import io.leadscorer.avro.ShadowModel;
import io.leadscorer.model.bundle.Lineage;
import io.leadscorer.scorer.control.ModelStatusPublisher.Answering;
import io.leadscorer.scorer.metrics.ScorerMetrics;
import io.leadscorer.scorer.predict.ActiveGeneration;
import io.leadscorer.scorer.predict.Generation;
import io.leadscorer.scorer.predict.Shadow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what this instance serves: the live model of the newest command and the shadow it names. At startup it
 * serves the newest command of the control topic whose live model loads, with its shadow (older commands are the
 * fallback when the newest is rejected), else the configured initial bundle. Afterwards each command newer than every
 * command seen so far is applied; a command whose sequence is not above the highest seen (a replay, an older command)
 * is ignored.
 *
 * <p>A model the command names that this instance already serves, live or in shadow (the same model id and manifest
 * SHA-256), keeps its loaded generation, whatever its new role: PROMOTE makes the candidate live and a ROLLBACK to the
 * guard's PREVIOUS makes that live, without a reload, and the replaced live model becomes the PREVIOUS shadow the same
 * way. Any other model is loaded, verified and warmed up by the {@link GenerationLoader}; live and shadow then become
 * active together between two batches. A live model that fails is REJECTED and everything keeps serving as before; a
 * shadow that fails is REJECTED and the live model goes on without a shadow. A shadow whose time is up is not loaded,
 * and one that runs out is retired by {@link #endExpiredShadow}. Called from one thread only.
 */
public final class ModelDeployer {

    private static final Logger LOG = LoggerFactory.getLogger(ModelDeployer.class);

    private final BundleLocator locator;
    private final GenerationLoader loader;
    private final ActiveGeneration active;
    private final ModelStatusPublisher status;
    private final ScorerMetrics metrics;
    private final Path initialBundle;
    private final Clock clock;
    private long highestSequence = Long.MIN_VALUE;

    public ModelDeployer(BundleLocator locator, GenerationLoader loader, ActiveGeneration active,
                         ModelStatusPublisher status, ScorerMetrics metrics, Path initialBundle, Clock clock) {
        this.locator = locator;
        this.loader = loader;
        this.active = active;
        this.status = status;
        this.metrics = metrics;
        this.initialBundle = initialBundle;
        this.clock = clock;
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
        Answering answering = Answering.INITIAL_BUNDLE;
        status.publish(answering, modelId, ServingRole.LIVE, ModelState.LOADING, null);
        long start = System.nanoTime();
        try {
            serve(loaded(loader.load(initialBundle, null, null), start), null, answering, start);
        } catch (RejectedBundleException e) {
            reject(answering, modelId, ServingRole.LIVE, e);
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

    /** Retires the shadow once its time is up; called between commands, so that it does not wait for the next one. */
    public void endExpiredShadow() {
        Optional<Shadow> shadow = active.shadow();
        Optional<Generation> live = active.current();
        if (shadow.isPresent() && live.isPresent() && shadow.get().endedAt(clock.instant())) {
            LOG.info("Shadow {} ended; {} goes on alone", shadow.get(), live.get());
            active.serve(live.get(), null);
            metrics.shadowEnded();
        }
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

    /** Serves the command's live model and shadow; false when its live model was rejected (nothing changed then). */
    private boolean apply(ControlRecord record) {
        ModelCommand command = record.command();
        Answering answering = Answering.of(command);
        LOG.info("Control command {} requested by {}", record, command.getRequestedBy());
        long start = System.nanoTime();
        Generation live;
        try {
            live = live(command, answering);
        } catch (RejectedBundleException e) {
            reject(answering, command.getModelId(), ServingRole.LIVE, e);
            return false;
        }
        serve(live, shadow(command.getShadow(), live, answering), answering, start);
        return true;
    }

    /** The generation already serving the command's live model, live or in shadow, else one loaded for it. */
    private Generation live(ModelCommand command, Answering answering) {
        String modelId = command.getModelId();
        Optional<Generation> serving = servingNow(modelId, command.getManifestSha256());
        if (serving.isPresent()) {
            return serving.get();
        }
        status.publish(answering, modelId, ServingRole.LIVE, ModelState.LOADING, null);
        long start = System.nanoTime();
        Path dir = locator.locate(command.getBundleUri(), modelId);
        return loaded(loader.load(dir, modelId, command.getManifestSha256()), start);
    }

    /**
     * The command's shadow on the generation already serving its model (live or in shadow) or on one loaded for it;
     * null when it names none, when its time is up, or when it was rejected.
     */
    private Shadow shadow(ShadowModel model, Generation live, Answering answering) {
        if (model == null) {
            return null;
        }
        String modelId = model.getModelId();
        if (!model.getUntil().isAfter(clock.instant())) {
            LOG.info("Not loading shadow {}: its time ended at {}", modelId, model.getUntil());
            return null;
        }
        if (live.serves(modelId, model.getManifestSha256())) {
            LOG.warn("Not scoring {} in shadow: it is the live model", modelId);
            return null;
        }
        Optional<Generation> serving = servingNow(modelId, model.getManifestSha256());
        if (serving.isPresent()) {
            return new Shadow(serving.get(), model.getRole(), model.getUntil());
        }
        status.publish(answering, modelId, ServingRole.SHADOW, ModelState.LOADING, null);
        long start = System.nanoTime();
        try {
            Path dir = locator.locate(model.getBundleUri(), modelId);
            return new Shadow(loaded(loader.load(dir, modelId, model.getManifestSha256()), start), model.getRole(),
                    model.getUntil());
        } catch (RejectedBundleException e) {
            reject(answering, modelId, ServingRole.SHADOW, e);
            return null;
        }
    }

    /** The live or shadow generation serving that bundle now, if any. */
    private Optional<Generation> servingNow(String modelId, String manifestSha256) {
        Optional<Generation> live = active.current().filter(g -> g.serves(modelId, manifestSha256));
        return live.isPresent() ? live
                : active.shadow().map(Shadow::generation).filter(g -> g.serves(modelId, manifestSha256));
    }

    private Generation loaded(Generation generation, long startNanos) {
        metrics.generationOpened();
        Lineage lineage = generation.bundle().manifest().lineage();
        LOG.info("Model {} (generation {}) serving from {} on {} at threshold {}; verified, loaded and warmed up in {}"
                + " ms; {}", generation.modelId(), generation.number(), generation.bundle().dir(), generation.device(),
                generation.bundle().manifest().threshold(), (System.nanoTime() - startNanos) / 1_000_000,
                lineage == null ? "no lineage recorded (written before bundles did)" : lineage.summary());
        return generation;
    }

    private void serve(Generation live, Shadow shadow, Answering answering, long startNanos) {
        active.serve(live, shadow);
        long nanos = System.nanoTime() - startNanos;
        metrics.modelLoaded(nanos);
        LOG.info("Serving {} live{} ({} ms from the command)", live,
                shadow == null ? "" : " and " + shadow + " in shadow", nanos / 1_000_000);
        metrics.modelCommand("active");
        status.publish(answering, live.modelId(), ServingRole.LIVE, ModelState.ACTIVE, null);
        if (shadow != null) {
            status.publish(answering, shadow.generation().modelId(), ServingRole.SHADOW, ModelState.ACTIVE, null);
        }
    }

    private void reject(Answering answering, String modelId, ServingRole role, RejectedBundleException e) {
        metrics.modelCommand("rejected");
        String serving = active.current().map(Generation::modelId).orElse("none");
        status.publish(answering, modelId, role, ModelState.REJECTED, e.getMessage() + " (still serving " + serving
                + " live)");
    }
}
