package io.leadscorer.trainer.effects;

import io.leadscorer.model.effects.IdEffects;
import io.leadscorer.model.predict.Calibration;
import io.leadscorer.model.text.LeadRecord;

import java.util.Arrays;
import java.util.List;

/**
 * Chooses the prior standard deviation of each id column's effects on held-out leads: coordinate search over the
 * candidates (each column in turn, the others held), scoring each choice by the held-out log loss after Platt
 * calibration of the network's logit plus the effects, which is how the bundle will serve them. When no choice beats
 * the network alone on the held-out leads, every standard deviation is 0 (all effects 0).
 */
public final class PriorSearch {

    private static final int ROUNDS = 2;

    /**
     * The chosen effects.
     *
     * @param effects           the effects fitted with the chosen standard deviations
     * @param priorSds          the chosen standard deviation per column
     * @param heldOutLogLoss    the held-out log loss (calibrated) with them
     * @param withoutEffectsLogLoss the held-out log loss (calibrated) of the network alone
     */
    public record Choice(IdEffects effects, double[] priorSds, double heldOutLogLoss, double withoutEffectsLogLoss) {}

    private final IdEffectFit fit;
    private final List<? extends LeadRecord> heldOut;
    private final double[] heldOutOffsets;
    private final boolean[] heldOutLabels;

    public PriorSearch(IdEffectFit fit, List<? extends LeadRecord> heldOut, double[] heldOutOffsets, boolean[] heldOutLabels) {
        this.fit = fit;
        this.heldOut = heldOut;
        this.heldOutOffsets = heldOutOffsets.clone();
        this.heldOutLabels = heldOutLabels.clone();
    }

    /** Searches {@code candidates} for each of {@code columns} id columns, starting from the first candidate. */
    public Choice choose(int columns, double[] candidates) {
        double[] sds = new double[columns];
        Arrays.fill(sds, candidates[0]);
        IdEffects best = fit.fit(sds);
        double bestLoss = logLoss(best);
        for (int round = 0; round < ROUNDS; round++) {
            for (int c = 0; c < columns; c++) {
                for (double candidate : candidates) {
                    if (candidate == sds[c]) {
                        continue;
                    }
                    double[] trial = sds.clone();
                    trial[c] = candidate;
                    IdEffects effects = fit.fit(trial);
                    double loss = logLoss(effects);
                    if (loss < bestLoss) {
                        bestLoss = loss;
                        best = effects;
                        sds = trial;
                    }
                }
            }
        }
        double without = logLoss(IdEffects.NONE);
        if (without <= bestLoss) {
            // the ids only add noise here: every effect 0, which serves the network alone
            double[] none = new double[columns];
            return new Choice(fit.fit(none), none, without, without);
        }
        return new Choice(best, sds, bestLoss, without);
    }

    /** Mean held-out log loss of the offsets plus these effects, Platt-calibrated on the same leads. */
    double logLoss(IdEffects effects) {
        double[] shifts = effects.shifts(heldOut);
        float[] probabilities = new float[shifts.length];
        for (int i = 0; i < shifts.length; i++) {
            probabilities[i] = (float) (1 / (1 + Math.exp(-(heldOutOffsets[i] + shifts[i]))));
        }
        Calibration calibration = Calibration.fitPlatt(probabilities, heldOutLabels);
        float[] calibrated = calibration.apply(probabilities);
        double sum = 0;
        for (int i = 0; i < calibrated.length; i++) {
            double q = Math.min(1 - 1e-7, Math.max(1e-7, calibrated[i]));
            sum -= heldOutLabels[i] ? Math.log(q) : Math.log(1 - q);
        }
        return sum / calibrated.length;
    }
}
