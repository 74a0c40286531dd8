package io.leadscorer.monitor.runtime;

import io.leadscorer.monitor.config.MonitorSettings;
import io.leadscorer.monitor.drift.BundleReferences;
import io.leadscorer.monitor.drift.ModelReferences;
import io.leadscorer.monitor.metrics.MonitorMetrics;
import io.leadscorer.monitor.metrics.QualityGauges;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;

/** Wires the monitor's parts from {@link MonitorSettings}: the bundles' references, the meters, the clock. */
@Factory
public class MonitorFactory {

    @Singleton
    ModelReferences modelReferences(MonitorSettings settings) {
        return new BundleReferences(Path.of(settings.modelStore()));
    }

    @Singleton
    MonitorMetrics monitorMetrics(MeterRegistry registry) {
        return new MonitorMetrics(registry);
    }

    @Singleton
    QualityGauges qualityGauges(MeterRegistry registry) {
        return new QualityGauges(registry);
    }

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
