package io.leadscorer.sandbox.demo;

/**
 * The topics the demo runs on, named as the scorer's defaults are: leads in, scores out, dead letters, the compacted
 * control topic and the status topic; the input has several partitions so that scorer instances share it.
 */
public record DemoTopics(String input, String scores, String deadLetters, String control, String status, int partitions) {

    public static DemoTopics defaults() {
        return new DemoTopics("mql.events", "mql.scores", "mql.events.dlq", "lead-scorer.control", "lead-scorer.status", 4);
    }
}
