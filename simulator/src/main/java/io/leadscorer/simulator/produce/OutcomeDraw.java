package io.leadscorer.simulator.produce;

import io.leadscorer.simulator.world.Draws;
import io.leadscorer.simulator.world.SimulatedLead;
import java.time.Duration;
import java.util.Optional;

/**
 * Decides what becomes of a simulated lead. Whether it converted is the lead's own label, which the world drew with
 * the lead's true probability, so the outcomes agree with the oracle and with the CSV labels of the same sample.
 * Whether the outcome is reported at all is a chance of {@code share}; with {@code winsOnly} the leads that did not
 * convert are never reported (a CRM that only reports won deals). The outcome happens {@code delayMin} plus an
 * exponential delay of mean {@code delayMean} after the lead was sent, in whole milliseconds (the resolution of
 * {@code outcome_time}).
 *
 * <p>A lead's draws depend only on {@code seed} (the sample's) and the lead's index, on a stream apart from the
 * lead's own: the same seed gives the same outcomes whatever the rate, the threads or the order of the sends, and a
 * lead reported at one share is reported at every larger share, with the same delay.
 */
public record OutcomeDraw(long seed, Duration delayMean, Duration delayMin, double share, boolean winsOnly) {

    /** The longest mean or minimum delay accepted. */
    public static final Duration MAX_DELAY = Duration.ofDays(365);

    private static final long OUTCOME_STREAM = 0x0C7C0E5L;

    public OutcomeDraw {
        requireDelay("mean", delayMean);
        requireDelay("minimum", delayMin);
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("the share of reported outcomes must be between 0 and 1: " + share);
        }
    }

    /** The lead's outcome, or empty when it is not reported. */
    public Optional<Outcome> draw(SimulatedLead lead) {
        Draws draws = Draws.forLead(Draws.mix(seed ^ OUTCOME_STREAM), lead.index());
        boolean reported = draws.uniform() < share;
        double exponential = -Math.log1p(-draws.uniform());
        if (!reported || (winsOnly && !lead.converted())) {
            return Optional.empty();
        }
        long delayMillis = delayMin.toMillis() + Math.round(delayMean.toMillis() * exponential);
        return Optional.of(new Outcome(lead.leadId(), lead.converted(), Duration.ofMillis(delayMillis)));
    }

    private static void requireDelay(String name, Duration delay) {
        if (delay == null || delay.isNegative() || delay.compareTo(MAX_DELAY) > 0) {
            throw new IllegalArgumentException("the " + name + " outcome delay must be between 0 and " + MAX_DELAY
                    + ": " + delay);
        }
    }
}
