package io.leadscorer.scorer;

import io.micronaut.runtime.Micronaut;

/** Entry point of the scorer service: a Micronaut application whose {@code ScorerService} runs the Kafka Streams topology. */
public final class ScorerApplication {

    private ScorerApplication() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(ScorerApplication.class).start();
    }
}
