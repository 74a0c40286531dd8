package io.leadscorer.simulator.produce;

/**
 * What an {@link OutcomeProducer} reported.
 *
 * @param topic        topic written to
 * @param converted    acknowledged outcomes of leads that converted
 * @param notConverted acknowledged outcomes of leads that did not
 * @param failed       outcomes that could not be serialised or were not acknowledged
 * @param sentEarly    outcomes sent before they were due, because closing ran out of time to wait for them
 * @param firstError   message of the first failure, null when none failed
 */
public record OutcomeCounts(String topic, long converted, long notConverted, long failed, long sentEarly,
                            String firstError) {
}
