package io.leadscorer.trainer.pipeline;

import io.leadscorer.model.bundle.BundleWriter;

/**
 * Deletes the staging directory of a bundle being written when the JVM shuts down before it is published
 * (Ctrl-C, or the SIGTERM of a cancelled Kubernetes job), so that an interrupted run leaves no half-written
 * bundle behind, as a failed one does not. Best effort: a run killed outright (SIGKILL) runs no hooks, and its
 * staging directory, which stores ignore, stays until removed by hand.
 */
final class StagingGuard implements AutoCloseable {
    private final Thread hook;

    private StagingGuard(Thread hook) {
        this.hook = hook;
    }

    static StagingGuard of(BundleWriter writer) {
        Thread hook = new Thread(writer::abort, "delete-bundle-staging");
        Runtime.getRuntime().addShutdownHook(hook);
        return new StagingGuard(hook);
    }

    /** The shutdown hook (for tests: running it is what the JVM does at shutdown). */
    Thread hook() {
        return hook;
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: nothing left to undo
        }
    }
}
