package io.leadscorer.trainer.effects;

import io.leadscorer.model.effects.EffectKeys;
import io.leadscorer.model.effects.ValueEffects;
import io.leadscorer.model.predict.Calibration;
import io.leadscorer.model.text.LeadRecord;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Chooses the prior standard deviation of each id column's effects on held-out leads: coordinate search over the
 * candidates (each column in turn, the others held), scoring each choice by the held-out log loss after Platt
 * calibration of the offsets plus the effects (the trainer's offsets are the base rate: the effects as a model of
 * their own). When no choice beats the offsets alone on the held-out leads, every standard deviation is 0 (all
 * effects 0).
 */
public final class PriorSearch {

    private static final int ROUNDS = 2;

    /**
     * The chosen effects.
     *
     * @param effects           the effects fitted with the chosen standard deviations
     * @param priorSds          the chosen standard deviation per column
     * @param heldOutLogLoss    the held-out log loss (calibrated) with them
     * @param withoutEffectsLogLoss the held-out log loss (calibrated) of the offsets alone
     */
    public record Choice(ValueEffects effects, double[] priorSds, double heldOutLogLoss, double withoutEffectsLogLoss) {}

    private final ValueEffectFit fit;
    private final int[][] heldOutIndex;
    private final double[] heldOutOffsets;
    private final boolean[] heldOutLabels;

    public PriorSearch(ValueEffectFit fit, List<? extends LeadRecord> heldOut, double[] heldOutOffsets, boolean[] heldOutLabels) {
        this.fit = fit;
        this.heldOutIndex = fit.index(heldOut);
        this.heldOutOffsets = heldOutOffsets.clone();
        this.heldOutLabels = heldOutLabels.clone();
    }

    /**
     * The search of value effects as a model of their own: fitted on the training leads with their base rate as every
     * lead's offset, judged on the held-out leads with the same offset.
     */
    public static PriorSearch onBaseRate(List<String> columns, EffectKeys keys, List<? extends LeadRecord> training,
                                         boolean[] trainingLabels, List<? extends LeadRecord> heldOut,
                                         boolean[] heldOutLabels) {
        ValueEffectFit fit = new ValueEffectFit(columns, keys, training,
                ValueEffectFit.baseRateOffsets(trainingLabels, trainingLabels.length), trainingLabels);
        return new PriorSearch(fit, heldOut, ValueEffectFit.baseRateOffsets(trainingLabels, heldOut.size()), heldOutLabels);
    }

    /**
     * Searches {@code candidates} for each of {@code columns} id columns, starting from the first candidate. A
     * candidate is judged with its column refitted and the others held ({@link ValueEffectFit#withColumn}); a better one
     * is kept after a sweep over all columns, and the final choice is fitted in full. The candidates of one column
     * are tried on up to {@code threads} threads at once; the choice is the same as one after the other (the lowest
     * loss, the earlier candidate on a tie).
     */
    public Choice choose(int columns, double[] candidates, int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            return choose(columns, candidates, pool);
        } finally {
            pool.shutdownNow();
        }
    }

    private Choice choose(int columns, double[] candidates, ExecutorService pool) {
        double[] start = new double[columns];
        Arrays.fill(start, candidates[0]);
        ValueEffectFit.Fitted best = fit.fitted(start);
        double bestLoss = logLoss(best);
        for (int round = 0; round < ROUNDS; round++) {
            for (int c = 0; c < columns; c++) {
                ValueEffectFit.Fitted from = best;
                int column = c;
                List<Callable<Trial>> trials = new ArrayList<>();
                for (double candidate : candidates) {
                    if (candidate != from.priorSds()[c]) {
                        trials.add(() -> {
                            ValueEffectFit.Fitted trial = fit.withColumn(from, column, candidate);
                            return new Trial(trial, logLoss(trial));
                        });
                    }
                }
                for (Trial trial : all(pool, trials)) {
                    if (trial.loss() < bestLoss) {
                        bestLoss = trial.loss();
                        best = trial.fitted();
                    }
                }
                if (best != from) {
                    best = fit.sweep(best);
                    bestLoss = logLoss(best);
                }
            }
        }
        double[] sds = best.priorSds();
        ValueEffectFit.Fitted chosen = fit.fitted(sds);
        double chosenLoss = logLoss(chosen);
        double without = logLoss(new double[heldOutOffsets.length]);
        if (without <= chosenLoss) {
            // the columns only add noise here: every effect 0
            double[] none = new double[columns];
            return new Choice(fit.fit(none), none, without, without);
        }
        return new Choice(fit.effects(chosen), sds, chosenLoss, without);
    }

    private record Trial(ValueEffectFit.Fitted fitted, double loss) {}

    private static List<Trial> all(ExecutorService pool, List<Callable<Trial>> trials) {
        try {
            List<Trial> done = new ArrayList<>(trials.size());
            for (Future<Trial> future : pool.invokeAll(trials)) {
                done.add(future.get());
            }
            return done;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fitting value effects", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private double logLoss(ValueEffectFit.Fitted fitted) {
        return logLoss(ValueEffectFit.shifts(fitted, heldOutIndex));
    }

    /** Mean held-out log loss of the offsets plus these shifts, Platt-calibrated on the same leads. */
    double logLoss(double[] shifts) {
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
