package io.leadscorer.simulator.produce;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Paces sends at a steady rate: send {@code i} is due {@code i / rate} seconds after the first, so the
 * rate holds over the whole run without drift and without bursts. When the sender falls more than
 * {@link #MAX_LAG_NANOS} behind (the broker stalled), the schedule restarts from now instead of sending
 * the backlog in one burst.
 */
public final class Pacer {

    static final long MAX_LAG_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** The time source and the way to wait for it; the system clock in production, a fake one in tests. */
    public interface Clock {
        long nanoTime();

        /** Returns at or after {@code deadline} (in {@link #nanoTime()} terms). */
        void sleepUntil(long deadline) throws InterruptedException;
    }

    static final Clock SYSTEM = new Clock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleepUntil(long deadline) throws InterruptedException {
            long remaining;
            while ((remaining = deadline - System.nanoTime()) > 0) {
                LockSupport.parkNanos(remaining);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
        }
    };

    private final double intervalNanos;
    private final Clock clock;
    private long origin;
    private long originIndex;
    private boolean started;

    /** A pacer for {@code ratePerSecond} sends a second; zero or negative means as fast as possible. */
    public Pacer(double ratePerSecond, Clock clock) {
        this.intervalNanos = ratePerSecond > 0 ? 1e9 / ratePerSecond : 0;
        this.clock = clock;
    }

    public static Pacer steady(double ratePerSecond) {
        return new Pacer(ratePerSecond, SYSTEM);
    }

    /** Waits until send {@code index} (0, 1, 2, ... in order) is due. */
    public void awaitTurn(long index) throws InterruptedException {
        if (intervalNanos == 0) {
            return;
        }
        long now = clock.nanoTime();
        if (!started) {
            started = true;
            origin = now;
            originIndex = index;
            return;
        }
        long due = origin + Math.round((index - originIndex) * intervalNanos);
        if (now - due > MAX_LAG_NANOS) {
            origin = now;
            originIndex = index;
            return;
        }
        if (due > now) {
            clock.sleepUntil(due);
        }
    }
}
