package io.leadscorer.scorer.batch;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the service sees of the buffers of all its tasks: how many leads they hold, and a drain switch for graceful
 * shutdown. Buffers cannot be scored from {@code Processor#close()}: Kafka Streams commits before it closes tasks,
 * so anything written there would miss the last transaction. Instead the service turns draining on, the processors
 * then score every buffered lead at once (at their next record or wall-clock tick), and the service closes the
 * streams once the buffers are empty, so the final commit carries those scores.
 */
public final class BufferControl {

    private final AtomicLong buffered = new AtomicLong();
    private volatile boolean draining;

    /** Leads now held by all buffers of this instance. */
    public long buffered() {
        return buffered.get();
    }

    void added(long leads) {
        buffered.addAndGet(leads);
    }

    void removed(long leads) {
        buffered.addAndGet(-leads);
    }

    public boolean draining() {
        return draining;
    }

    /** From now on every buffer is scored as soon as its processor runs, whatever its size and age. */
    public void drain() {
        draining = true;
    }

    /** Waits until the buffers are empty; false when {@code timeout} passed first. */
    public boolean awaitEmpty(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (buffered() > 0) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }
}
