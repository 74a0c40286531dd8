package io.leadscorer.trainer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingSettingsTest {

    @Test
    void valueEffectColumnsMayBeCrossesOfLeadColumnsAndNoneTurnsThemOff() {
        TrainingSettings.ValueEffects crossed = new TrainingSettings.ValueEffects(
                List.of(" customer_idx", "product_category*business_area "), List.of(1.0, 0.0), List.of(" customer_idx"), true, 0);
        assertThat(crossed.columns()).containsExactly("customer_idx", "product_category*business_area");
        assertThat(crossed.outOfText()).containsExactly("customer_idx");
        assertThatThrownBy(() -> new TrainingSettings.ValueEffects(List.of(), null, List.of("company"), true, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'company'");
        assertThat(new TrainingSettings.ValueEffects(List.of("none"), null, null, true, 0).columns()).isEmpty();
        assertThatThrownBy(() -> new TrainingSettings.ValueEffects(List.of("product_category*vertical"), null, null, true, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'product_category*vertical'").hasMessageContaining("'vertical'");
    }

    @Test
    void oneOffsetFoldIsRefusedWithTheSettingsName() {
        assertThat(new TrainingSettings.ValueEffects(List.of("enterprise"), null, null, true, 5).offsetFolds()).isEqualTo(5);
        assertThatThrownBy(() -> new TrainingSettings.ValueEffects(List.of("enterprise"), null, null, true, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trainer.id-effects.offset-folds");
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
