package io.leadscorer.scorer.metrics;

import io.leadscorer.model.bundle.Lineage;
import io.leadscorer.model.bundle.Manifest;
import io.leadscorer.model.testing.TinyBundles;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The served model's id and lineage as tags of gauges that are 1, for the model that scores now only. */
class ScorerMetricsTest {
    private static final String TRAINING_SHA256 = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";

    @Test
    void tagsTheActiveModelWithItsLineageAndAnOlderBundleAsUnknown(@TempDir Path models) {
        Manifest old = TinyBundles.create(models, 1).manifest();
        Instant finished = Instant.parse("2026-11-25T06:01:02Z");
        Manifest traced = TinyBundles.create(models, 2).manifest().withLineage(new Lineage(TRAINING_SHA256, 1000, 990,
                0.1, Map.of("trainer.seed", "42"), "1.2.3", finished.minusSeconds(60), finished));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ScorerMetrics metrics = new ScorerMetrics(registry);

        metrics.modelActivated(old);
        Gauge oldInfo = registry.get("leadscorer.model.info").gauge();
        assertThat(oldInfo.getId().getTag("model_id")).isEqualTo(old.modelId());
        assertThat(oldInfo.getId().getTag("project_version")).isEqualTo("unknown");
        assertThat(oldInfo.getId().getTag("training_data_sha256")).isEqualTo("unknown");

        metrics.modelActivated(traced);
        assertThat(registry.find("leadscorer.model.info").gauges()).singleElement().satisfies(gauge -> {
            assertThat(gauge.value()).isEqualTo(1);
            assertThat(gauge.getId().getTag("model_id")).isEqualTo(traced.modelId());
            assertThat(gauge.getId().getTag("project_version")).isEqualTo("1.2.3");
            assertThat(gauge.getId().getTag("training_data_sha256")).isEqualTo(TRAINING_SHA256);
        });
        assertThat(registry.find("leadscorer.model.active").gauges()).singleElement()
                .satisfies(gauge -> assertThat(gauge.getId().getTag("model_id")).isEqualTo(traced.modelId()));
    }
}
