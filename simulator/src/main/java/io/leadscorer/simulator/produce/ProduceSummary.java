package io.leadscorer.simulator.produce;

/**
 * Outcome of a produce run.
 *
 * @param topic        topic written to
 * @param sent         events the broker acknowledged
 * @param failed       events that could not be serialised or were not acknowledged
 * @param seconds      from the first send to the last acknowledgement
 * @param rate         achieved rate, acknowledged events per second
 * @param targetRate   requested rate (0: unpaced)
 * @param firstError   message of the first failure, null when none failed
 */
public record ProduceSummary(String topic, long sent, long failed, double seconds, double rate, double targetRate,
                             String firstError) {
}
