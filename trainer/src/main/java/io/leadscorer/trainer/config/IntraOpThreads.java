package io.leadscorer.trainer.config;

import ai.djl.engine.Engine;

/**
 * Fixes PyTorch's CPU intra-op thread count. The trained weights depend on it (the tiny end-to-end run gives other
 * weights with 1 thread than with 2: reductions are split per thread), and OpenMP keeps the count per calling
 * thread, so the trainer's own process sets it where the engine starts, and the command that trains sets it again
 * on the thread that trains. Neither is library code: a JVM that trains in-process (the demo, beside its scorers)
 * keeps the engine settings it has.
 */
public final class IntraOpThreads {
    private IntraOpThreads() {}

    /**
     * The counts DJL gives PyTorch when it starts the engine (then fixed for the process): {@code threads} intra-op,
     * 1 inter-op. Only for a JVM that runs the trainer alone, before anything starts the engine.
     */
    public static void forProcess(int threads) {
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }

    /** The count for the calling thread, the one that trains (starting the engine if nothing has yet). */
    public static void forCallingThread(int threads) {
        Engine engine = Engine.getInstance();
        if ("PyTorch".equals(engine.getEngineName())) {
            ai.djl.pytorch.jni.JniUtils.setNumThreads(threads);
        }
    }
}
