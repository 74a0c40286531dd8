package io.leadscorer.simulator.produce;

import com.fasterxml.jackson.annotation.JsonInclude;

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
 * @param outcomes     what became of the leads, as reported; null (and left out of the JSON) when outcomes were off
 */
public record ProduceSummary(String topic, long sent, long failed, double seconds, double rate, double targetRate,
                             String firstError, @JsonInclude(JsonInclude.Include.NON_NULL) OutcomeCounts outcomes) {

    public ProduceSummary withOutcomes(OutcomeCounts counts) {
        return new ProduceSummary(topic, sent, failed, seconds, rate, targetRate, firstError, counts);
    }
}
