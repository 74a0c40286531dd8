package io.leadscorer.monitor;

import io.micronaut.runtime.Micronaut;

/** Entry point of the monitor service: a Micronaut application whose {@code MonitorService} runs the Kafka Streams topology. */
public final class MonitorApplication {

    private MonitorApplication() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(MonitorApplication.class).start();
    }
}
