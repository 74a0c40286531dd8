package io.leadscorer.scorer.batch;

/**
 * When a held task tries again: 100 ms after its first failure, the wait doubling with each further failure in a row
 * up to 2 s, until a success ends the hold. It counts on the caller's clock, so a stream thread never sleeps: it
 * checks {@link #mayTry} at its next record or punctuation.
 */
final class HoldBackoff {

    static final long FIRST_RETRY_MS = 100;
    static final long MAX_RETRY_MS = 2_000;

    private int failuresInARow;
    private long retryAtMs;

    /** Records a failure at {@code nowMs}; returns how long to wait before the next try. */
    long failed(long nowMs) {
        failuresInARow++;
        long backoff = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS << Math.min(failuresInARow - 1, 16));
        retryAtMs = nowMs + backoff;
        return backoff;
    }

    /** Whether scoring may be tried at {@code nowMs}: no hold, or its wait is over. */
    boolean mayTry(long nowMs) {
        return failuresInARow == 0 || nowMs >= retryAtMs;
    }

    int failuresInARow() {
        return failuresInARow;
    }

    /** Ends the hold; returns how many failures in a row it lasted, 0 when there was none. */
    int recovered() {
        int failures = failuresInARow;
        failuresInARow = 0;
        return failures;
    }
}
