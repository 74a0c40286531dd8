package io.leadscorer.simulator.oracle;

/**
 * How much of the oracle a model can reach when it must learn the per-id effects from training labels: the
 * best-threshold F1 on a test sample of the true formula with the company and owner latents (a) known (the
 * oracle), (b) estimated from the training labels and the company history cells, (c) estimated from the
 * training labels alone, (d) left at their prior mean (no id effect).
 *
 * @param trainRows                 rows the latents were estimated from
 * @param testRows                  rows scored
 * @param testShareOfTrainedCompany share of the test rows whose company has rows in the training sample
 * @param oracleF1                  the true probability's F1
 * @param labelsAndHistoryF1        latents estimated from the training labels and the companies' history cells
 * @param labelsF1                  latents estimated from the training labels only
 * @param noIdEffectF1              latents at their prior mean (0)
 */
public record CeilingReport(long trainRows, long testRows, double testShareOfTrainedCompany, double oracleF1,
                            double labelsAndHistoryF1, double labelsF1, double noIdEffectF1) {
}
