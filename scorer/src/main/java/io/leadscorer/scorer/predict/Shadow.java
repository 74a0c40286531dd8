package io.leadscorer.scorer.predict;

import io.leadscorer.avro.ShadowRole;
import java.time.Instant;

/**
 * A generation scored beside the live one, its scores going to the shadow scores only: a candidate on trial, or the
 * previous live model kept for the guard. It is scored until {@code until}, then retired.
 */
public record Shadow(Generation generation, ShadowRole role, Instant until) {

    /** Whether its time is up at {@code now}. */
    public boolean endedAt(Instant now) {
        return !now.isBefore(until);
    }

    @Override
    public String toString() {
        return role + " " + generation + " until " + until;
    }
}
