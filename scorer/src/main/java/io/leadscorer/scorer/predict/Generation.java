package io.leadscorer.scorer.predict;

import ai.djl.Device;
import io.leadscorer.model.bundle.Bundle;
import io.leadscorer.model.predict.BundleModel;
import io.leadscorer.model.predict.LeadPredictor;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One model generation of a scorer instance: a bundle's network loaded once ({@link BundleModel}) and the predictors
 * the stream threads opened on it, one each. A batch leases the generation for its forward pass; once the generation
 * is retired (a newer one became active) and its last lease is returned, it closes its predictors and its network,
 * so a swap frees the old model's native memory without ever pulling it from under a running batch.
 */
public final class Generation {

    /** Lease count in the low bits; {@link #RETIRED} set once no new lease may be taken. */
    private static final int RETIRED = 1 << 30;

    private final long number;
    private final BundleModel model;
    private final Consumer<Generation> onClosed;
    private final AtomicInteger state = new AtomicInteger();
    private volatile boolean closed;
    private final List<LeadPredictor> predictors = new ArrayList<>();
    private final Queue<LeadPredictor> prepared = new ConcurrentLinkedQueue<>();

    public Generation(long number, BundleModel model, Consumer<Generation> onClosed) {
        this.number = number;
        this.model = model;
        this.onClosed = onClosed;
    }

    public long number() {
        return number;
    }

    public Bundle bundle() {
        return model.bundle();
    }

    public String modelId() {
        return model.modelId();
    }

    /** Whether this generation serves the bundle {@code modelId} whose manifest has {@code manifestSha256}. */
    public boolean serves(String modelId, String manifestSha256) {
        return modelId().equals(modelId) && bundle().manifestSha256().equalsIgnoreCase(manifestSha256);
    }

    public Device device() {
        return model.device();
    }

    /** Takes a lease for one batch; false once the generation is retired. */
    boolean tryAcquire() {
        while (true) {
            int current = state.get();
            if ((current & RETIRED) != 0) {
                return false;
            }
            if (state.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    /** Returns a lease; the last one returned after retirement closes the generation. */
    void release() {
        if (state.decrementAndGet() == RETIRED) {
            close();
        }
    }

    /** No new leases from now on; closes the generation at once when none is out. */
    public void retire() {
        if (state.getAndUpdate(current -> current | RETIRED) == 0) {
            close();
        }
    }

    /**
     * Opens {@code count} predictors ahead of time, off the stream threads, so that the first batch of each stream
     * thread on this generation does not pay for opening one (a tokenizer to parse) in the middle of a swap.
     */
    public void prepare(int count) {
        for (int i = 0; i < count; i++) {
            prepared.add(track(model.newPredictor()));
        }
    }

    /** A predictor for the calling thread (a prepared one if left), closed with the generation. Call while leased. */
    LeadPredictor newPredictor() {
        LeadPredictor ready = prepared.poll();
        return ready != null ? ready : track(model.newPredictor());
    }

    private LeadPredictor track(LeadPredictor predictor) {
        synchronized (predictors) {
            predictors.add(predictor);
        }
        return predictor;
    }

    /** True once retired and done: its network and predictors are freed. */
    public boolean isClosed() {
        return closed;
    }

    private void close() {
        synchronized (predictors) {
            predictors.forEach(LeadPredictor::close);
            predictors.clear();
            prepared.clear();
        }
        model.close();
        closed = true;
        onClosed.accept(this);
    }

    @Override
    public String toString() {
        return "generation " + number + " (" + modelId() + ")";
    }
}
