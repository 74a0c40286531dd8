package io.leadscorer.trainer.config;

import ai.djl.engine.Engine;

/**
 * Fixes PyTorch's CPU intra-op thread count. The trained weights depend on it (the tiny end-to-end run gives other
 * weights with 1 thread than with 2: reductions are split per thread), and OpenMP keeps the count per calling
 * thread, so it is set where the engine starts and again on the thread that trains.
 */
public final class IntraOpThreads {
    private IntraOpThreads() {}

    /** Sets the count for the engine (before it starts) and for the calling thread. */
    public static void pin(int threads) {
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        Engine engine = Engine.getInstance();
        if ("PyTorch".equals(engine.getEngineName())) {
            ai.djl.pytorch.jni.JniUtils.setNumThreads(threads);
        }
    }
}
