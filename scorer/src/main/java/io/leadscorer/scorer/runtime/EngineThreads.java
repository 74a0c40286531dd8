package io.leadscorer.scorer.runtime;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import io.leadscorer.scorer.config.ScorerSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PyTorch's thread counts from the scorer's settings, applied by the service once at start-up, before anything starts
 * the engine: DJL reads them when it creates the engine, and PyTorch fixes the inter-op count at its first use. When
 * the engine is already up (another component of the same JVM started it), the counts it has are kept and logged.
 */
final class EngineThreads {

    private static final Logger LOG = LoggerFactory.getLogger(EngineThreads.class);
    static final String INTRA_OP_PROPERTY = "ai.djl.pytorch.num_threads";
    static final String INTER_OP_PROPERTY = "ai.djl.pytorch.num_interop_threads";

    private EngineThreads() {
    }

    /** The intra-op threads for {@code setting} (0: half the cores shared among the stream threads, at least 1). */
    static int intraOp(int setting, int cores, int streamThreads) {
        return setting > 0 ? setting : Math.max(1, cores / (2 * streamThreads));
    }

    /** Sets the engine's thread counts from the settings, then starts the engine and logs what it runs with. */
    static void apply(ScorerSettings settings) {
        int intraOp = intraOp(settings.model().intraOpThreads(), Runtime.getRuntime().availableProcessors(),
                settings.kafka().numStreamThreads());
        int interOp = settings.model().interOpThreads();
        System.setProperty(INTRA_OP_PROPERTY, Integer.toString(intraOp));
        System.setProperty(INTER_OP_PROPERTY, Integer.toString(interOp));
        Engine engine = Engine.getInstance();
        if (!"PyTorch".equals(engine.getEngineName())) {
            LOG.warn("Engine {} ignores the PyTorch thread settings", engine.getEngineName());
            return;
        }
        int actualIntra = JniUtils.getNumThreads();
        int actualInter = JniUtils.getNumInteropThreads();
        if (actualIntra != intraOp || actualInter != interOp) {
            LOG.warn("PyTorch was already running with {} intra-op and {} inter-op threads; the settings asked for {}"
                    + " and {}", actualIntra, actualInter, intraOp, interOp);
        } else {
            LOG.info("PyTorch runs forward passes on {} intra-op thread(s), {} inter-op thread(s)", intraOp, interOp);
        }
    }
}
