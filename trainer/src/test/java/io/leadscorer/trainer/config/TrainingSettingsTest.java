package io.leadscorer.trainer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingSettingsTest {

    @Test
    void valueEffectColumnsMayBeCrossesOfLeadColumnsAndNoneTurnsThemOff() {
        TrainingSettings.ValueEffects crossed = new TrainingSettings.ValueEffects(
                List.of(" customer_idx", "product_category*business_area "), List.of(1.0, 0.0), List.of(" customer_idx"), true);
        assertThat(crossed.columns()).containsExactly("customer_idx", "product_category*business_area");
        assertThat(crossed.outOfText()).containsExactly("customer_idx");
        assertThatThrownBy(() -> new TrainingSettings.ValueEffects(List.of(), null, List.of("company"), true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'company'");
        assertThat(new TrainingSettings.ValueEffects(List.of("none"), null, null, true).columns()).isEmpty();
        assertThatThrownBy(() -> new TrainingSettings.ValueEffects(List.of("product_category*vertical"), null, null, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'product_category*vertical'").hasMessageContaining("'vertical'");
    }

    @Test
    void noneEmptiesTheTextColumnListsAsItEmptiesTheValueEffectColumns() {
        TrainingSettings.Text text = new TrainingSettings.Text(20000, 5, 48, List.of("none"), 2,
                List.of(" customer_idx ", ""), 5, 5, 20);
        assertThat(text.coarseColumns()).isEmpty();
        assertThat(text.idRateColumns()).containsExactly("customer_idx");
        assertThat(new TrainingSettings.Text(20000, 5, 48, null, 2, List.of("none"), 5, 5, 20).idRateColumns()).isEmpty();
    }
}
