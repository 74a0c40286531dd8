package io.leadscorer.monitor.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The monitor's counters on {@code /prometheus}: what became of each input ({@code leadscorer.monitor.inputs} by
 * topic kind and result: a score kept or repeated, an outcome joined, held for a lead with no score yet, repeated,
 * after the horizon, dead-lettered; a held outcome whose lead never scored, at its expiry) and the facts sent on to the
 * per-model figures.
 */
public final class MonitorMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public MonitorMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void input(String kind, String result) {
        counters.computeIfAbsent(kind + "/" + result, key -> Counter.builder("leadscorer.monitor.inputs")
                .description("Inputs of the monitor by kind (score, outcome, event) and what became of them")
                .tag("kind", kind).tag("result", result).register(registry)).increment();
    }

    public double count(String kind, String result) {
        Counter counter = counters.get(kind + "/" + result);
        return counter == null ? 0 : counter.count();
    }

    public MeterRegistry registry() {
        return registry;
    }
}
