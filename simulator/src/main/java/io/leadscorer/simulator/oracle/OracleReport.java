package io.leadscorer.simulator.oracle;

/**
 * The best F1 that thresholding the true conversion probability reaches on a sample: the quality limit a
 * model trained on that world is compared with.
 *
 * @param rows                  leads in the sample
 * @param positives             leads labelled converted
 * @param positiveRate          positives / rows
 * @param f1                    best F1 over all thresholds, on the realised labels (the oracle F1)
 * @param threshold             the threshold that reaches it (a lead is predicted converted when p &gt;= threshold)
 * @param precision             precision at that threshold
 * @param recall                recall at that threshold
 * @param expectedF1            best expected F1 (ratio of expectations, from the probabilities alone)
 * @param expectedThreshold     the threshold that maximises the expected F1
 * @param f1AtExpectedThreshold realised F1 at {@code expectedThreshold}, a threshold chosen without the labels
 */
public record OracleReport(long rows, long positives, double positiveRate, double f1, double threshold,
                           double precision, double recall, double expectedF1, double expectedThreshold,
                           double f1AtExpectedThreshold) {
}
