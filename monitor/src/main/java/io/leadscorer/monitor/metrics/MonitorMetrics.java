package io.leadscorer.monitor.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The monitor's meters on {@code /prometheus}: what became of each input ({@code leadscorer.monitor.inputs} by
 * topic kind and result: a score kept or repeated, an outcome joined, held for a lead with no score yet, repeated,
 * after the horizon, dead-lettered; a held outcome whose lead never scored, at its expiry; a control command followed,
 * not newer than the current one, or unreadable), the rollout decisions written ({@code
 * leadscorer.monitor.rollout.decisions} by action) and the labelled pairs the latest judgment compared ({@code
 * leadscorer.monitor.rollout.pairs}).
 */
public final class MonitorMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Counter> decisions = new ConcurrentHashMap<>();
    private final AtomicLong pairsCompared = new AtomicLong();

    /**
     * The counters that alerts compare, registered at start so that their first increase shows from 0: outcomes joined
     * and held (labels flowing), and dead letters of either input.
     */
    private static final List<List<String>> REGISTERED_AT_START = List.of(List.of("outcome", "joined"),
            List.of("outcome", "held"), List.of("outcome", "dead_lettered"), List.of("score", "scored"),
            List.of("score", "dead_lettered"));

    public MonitorMetrics(MeterRegistry registry) {
        this.registry = registry;
        REGISTERED_AT_START.forEach(input -> counter(input.get(0), input.get(1)));
        Gauge.builder("leadscorer.monitor.rollout.pairs", pairsCompared, AtomicLong::get)
                .description("Labelled leads scored by both models of the trial, as the latest judgment compared them")
                .register(registry);
    }

    public void input(String kind, String result) {
        counter(kind, result).increment();
    }

    private Counter counter(String kind, String result) {
        return counters.computeIfAbsent(kind + "/" + result, key -> Counter.builder("leadscorer.monitor.inputs")
                .description("Inputs of the monitor by kind (score, outcome, event) and what became of them")
                .tag("kind", kind).tag("result", result).register(registry));
    }

    public void decision(String action) {
        decisions.computeIfAbsent(action, key -> Counter.builder("leadscorer.monitor.rollout.decisions")
                .description("Rollout decisions written to the control topic, by action")
                .tag("action", action).register(registry)).increment();
    }

    public void pairsCompared(long pairs) {
        pairsCompared.set(pairs);
    }

    public double decisions(String action) {
        Counter counter = decisions.get(action);
        return counter == null ? 0 : counter.count();
    }

    public long pairsCompared() {
        return pairsCompared.get();
    }

    public double count(String kind, String result) {
        Counter counter = counters.get(kind + "/" + result);
        return counter == null ? 0 : counter.count();
    }

    public MeterRegistry registry() {
        return registry;
    }
}
