package io.leadscorer.scorer.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadscorer.model.explain.ReasonAttribution;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReasonSettingsTest {

    @TempDir
    Path tmp;

    @Test
    void theAttributionIsTheValueEffectsUnlessOcclusionIsAsked() {
        assertThat(ReasonSettings.DEFAULTS.method()).isEqualTo(ReasonAttribution.EFFECTS);
        assertThat(new ReasonSettings(3, null).attribution()).isEqualTo("effects");
        assertThat(new ReasonSettings(2, "occlusion").method()).isEqualTo(ReasonAttribution.OCCLUSION);
    }

    @Test
    void anUnknownAttributionNamesTheSettingAndTheKnownValues() {
        assertThatThrownBy(() -> new ReasonSettings(3, "shap"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("scorer.reasons.attribution (SCORER_REASONS_ATTRIBUTION): unknown reason attribution "
                        + "'shap' (known: effects, occlusion)");
    }

    @Test
    void theServiceReadsTheSettingAndDoesNotStartWithAnUnknownOne() {
        try (ApplicationContext context = context("occlusion").start()) {
            assertThat(context.getBean(ReasonSettings.class)).isEqualTo(new ReasonSettings(3, "occlusion"));
        }
        assertThatThrownBy(() -> context("shap").start())
                .hasStackTraceContaining("scorer.reasons.attribution (SCORER_REASONS_ATTRIBUTION): unknown reason "
                        + "attribution 'shap' (known: effects, occlusion)");
    }

    /** The service's context against no broker and no bundle, with this reason attribution. */
    private ApplicationContext context(String attribution) {
        Map<String, Object> properties = new HashMap<>(Map.of(
                "scorer.kafka.bootstrap-servers", "localhost:9",
                "scorer.kafka.state-dir", tmp.resolve("state").toString(),
                "scorer.registry.url", "mock://reason-settings-test",
                "scorer.model.store", tmp.toString(),
                "scorer.model.initial-bundle", tmp.resolve("none").toString(),
                "scorer.model.device", "cpu"));
        properties.put("scorer.reasons.attribution", attribution);
        return ApplicationContext.builder().deduceEnvironment(false).properties(properties).build();
    }
}
