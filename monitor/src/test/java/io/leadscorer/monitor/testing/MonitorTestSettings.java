package io.leadscorer.monitor.testing;

import io.leadscorer.avro.RolloutMetric;
import io.leadscorer.monitor.config.MonitorSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** Monitor settings for tests: the defaults of application.yml, with the label and window times a test picks. */
public final class MonitorTestSettings {

    private MonitorTestSettings() {
    }

    public static MonitorSettings of(String registry, Duration horizon, Duration grace, boolean implicitNegatives,
                                     Duration window) {
        return of("localhost:9092", registry, horizon, grace, implicitNegatives, window, freshStateDir());
    }

    /**
     * A state directory of its own, so that state a killed run left behind (or another run's) is never read; the test
     * driver empties it on close, and the JVM removes it on exit.
     */
    private static String freshStateDir() {
        try {
            Path dir = Files.createTempDirectory("lead-scorer-monitor-test");
            dir.toFile().deleteOnExit();
            return dir.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static MonitorSettings of(String bootstrap, String registry, Duration horizon, Duration grace,
                                     boolean implicitNegatives, Duration window, String stateDir) {
        return new MonitorSettings("lead-scorer-monitor",
                new MonitorSettings.Topics("mql.scores", "mql.scores.shadow", "mql.outcomes", "mql.events",
                        "lead-scorer.quality", "mql.outcomes.dlq", "lead-scorer.control", "mql.events.dlq"),
                new MonitorSettings.Kafka(bootstrap, "PLAINTEXT", "exactly_once_v2", 1, Duration.ofMillis(100),
                        stateDir, Map.of()),
                new MonitorSettings.Registry(registry, null, Map.of()),
                new MonitorSettings.Labels(horizon, grace, implicitNegatives),
                new MonitorSettings.Quality(window, Duration.ofDays(30), Duration.ofSeconds(1)),
                new MonitorSettings.Drift(Duration.ofMinutes(5), 1, 0.1, 0.25),
                new MonitorSettings.Rollout("lead-scorer", Duration.ofSeconds(5), RolloutMetric.LOG_LOSS, 300, 30, 0.002,
                        0.95, Duration.ofHours(24), Duration.ofHours(1), 0.25, 0.02),
                "/models");
    }
}
