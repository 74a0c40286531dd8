package io.leadscorer.scorer.batch;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Predicate;

/**
 * The batches of one task that are scoring at once, in the order they were submitted: at most {@code capacity} (one
 * running its forward pass, the next tokenized and queued behind it), collected from the head only, so scores are
 * forwarded in input order.
 */
final class InFlightBatches<B> {

    private final int capacity;
    private final Predicate<B> done;
    private final Deque<B> batches = new ArrayDeque<>();

    /** {@code done} tells whether a batch has finished scoring, so that collecting it does not wait. */
    InFlightBatches(int capacity, Predicate<B> done) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        this.capacity = capacity;
        this.done = done;
    }

    void add(B batch) {
        if (isFull()) {
            throw new IllegalStateException(capacity + " batches already in flight");
        }
        batches.addLast(batch);
    }

    boolean isFull() {
        return batches.size() >= capacity;
    }

    boolean isEmpty() {
        return batches.isEmpty();
    }

    /** Whether the oldest batch has finished scoring; false when there is none. */
    boolean headDone() {
        B head = batches.peekFirst();
        return head != null && done.test(head);
    }

    /** Removes and returns the oldest batch, null when there is none. */
    B poll() {
        return batches.pollFirst();
    }

    /** Drops every batch: their scores are never collected. */
    void clear() {
        batches.clear();
    }
}
