package io.leadscorer.model.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReasonAttributionTest {

    @Test
    void parsesTheNamesSettingsWrite() {
        assertThat(ReasonAttribution.parse("effects")).isEqualTo(ReasonAttribution.EFFECTS);
        assertThat(ReasonAttribution.parse(" Occlusion ")).isEqualTo(ReasonAttribution.OCCLUSION);
        assertThat(ReasonAttribution.OCCLUSION.id()).isEqualTo("occlusion");
    }

    @Test
    void refusesAnUnknownNameNamingTheKnownOnes() {
        assertThatThrownBy(() -> ReasonAttribution.parse("shap"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown reason attribution 'shap' (known: effects, occlusion)");
        assertThatThrownBy(() -> ReasonAttribution.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
