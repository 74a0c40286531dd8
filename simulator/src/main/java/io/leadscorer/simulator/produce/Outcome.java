package io.leadscorer.simulator.produce;

import io.leadscorer.avro.LeadOutcome;
import java.time.Duration;
import java.time.Instant;

/** What became of one simulated lead: whether it converted, and how long after it was sent that was settled. */
public record Outcome(String leadId, boolean converted, Duration delay) {

    /** The {@code source} of every simulated outcome. */
    public static final String SOURCE = "simulator";
    public static final String WON = "Closed Won";
    public static final String LOST = "Closed Lost";

    /** The outcome as a CRM reports it for a lead sent at {@code sentAt}: it happened {@link #delay()} later. */
    public LeadOutcome toRecord(Instant sentAt) {
        return LeadOutcome.newBuilder()
                .setLeadId(leadId)
                .setConverted(converted)
                .setOutcomeTime(sentAt.plus(delay))
                .setSource(SOURCE)
                .setStage(converted ? WON : LOST)
                .build();
    }
}
