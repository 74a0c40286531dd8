package io.leadscorer.sandbox.demo;

/**
 * The topics the demo runs on, named as the services' defaults are: leads in, scores out, a shadow model's scores,
 * dead letters, the compacted control topic and the status topic; the outcomes the simulator reports, the monitor's
 * quality records and the outcomes it could not read. The input has several partitions so that scorer instances share
 * it; scores, shadow scores and outcomes have as many, so that the monitor finds a lead's scores and outcome in one
 * partition.
 */
public record DemoTopics(String input, String scores, String shadowScores, String deadLetters, String control,
                         String status, String outcomes, String quality, String outcomeDeadLetters, int partitions) {

    public static DemoTopics defaults() {
        return new DemoTopics("mql.events", "mql.scores", "mql.scores.shadow", "mql.events.dlq", "lead-scorer.control",
                "lead-scorer.status", "mql.outcomes", "lead-scorer.quality", "mql.outcomes.dlq", 4);
    }
}
