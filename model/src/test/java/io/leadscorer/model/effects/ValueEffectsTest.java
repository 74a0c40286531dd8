package io.leadscorer.model.effects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.leadscorer.avro.MqlEvent;
import io.leadscorer.model.testing.SyntheticLeads;
import io.leadscorer.model.text.LeadRecord;
import io.leadscorer.model.text.TextSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValueEffectsTest {

    private static final EffectKeys KEYS = new EffectKeys(TextSpec.defaults());
    private static final ValueEffects EFFECTS = new ValueEffects(Map.of(
            "customer_idx", new ValueEffects.Column(1.5, Map.of("17", 0.75, "18", -1.25)),
            "lead_owner", new ValueEffects.Column(0.5, Map.of("3", 0.25))));

    @Test
    void aLeadsShiftIsTheSumOfItsValuesEffectsAndZeroForMissingOrUnseenValues() {
        assertThat(EFFECTS.shift(lead(17L, 3L), KEYS)).isCloseTo(1.0, within(1e-12));
        assertThat(EFFECTS.shift(lead(18L, 4L), KEYS)).isCloseTo(-1.25, within(1e-12));
        assertThat(EFFECTS.shift(lead(99L, 3L), KEYS)).isCloseTo(0.25, within(1e-12));
        assertThat(EFFECTS.shift(lead(null, null), KEYS)).isZero();
        assertThat(ValueEffects.NONE.shift(lead(17L, 3L), KEYS)).isZero();
        assertThat(EFFECTS.shifts(List.of(lead(17L, 3L), lead(null, 3L)), KEYS)).containsExactly(1.0, 0.25);
    }

    @Test
    void anEventAndItsCsvRowGetTheSameShift() {
        MqlEvent event = SyntheticLeads.events(1, 7).get(0);
        event.setCustomerIdx(17L);
        event.setLeadOwner(3L);
        LeadRecord csv = LeadRecord.ofCsv(Map.of("customer_idx", "17", "lead_owner", "3"));
        assertThat(EFFECTS.shift(LeadRecord.of(event), KEYS)).isEqualTo(EFFECTS.shift(csv, KEYS)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void aCrossedColumnsValueIsTheCombinationOfItsPartsAndMissingWhenAnyPartIs() {
        ValueEffects crossed = new ValueEffects(Map.of("product_category*business_area",
                new ValueEffects.Column(1.5, Map.of("vrf | retail", 0.5, "monitor | retail", -0.25))));
        LeadRecord vrfRetail = LeadRecord.ofCsv(Map.of("product_category", "vrf", "business_area", "retail"));
        assertThat(crossed.shift(vrfRetail, KEYS)).isCloseTo(0.5, within(1e-12));
        assertThat(crossed.shift(LeadRecord.ofCsv(Map.of("product_category", "monitor", "business_area", "retail")), KEYS))
                .isCloseTo(-0.25, within(1e-12));
        LeadRecord noArea = LeadRecord.ofCsv(Map.of("product_category", "vrf"));
        assertThat(crossed.shift(noArea, KEYS)).isZero();
        assertThat(crossed.shift(LeadRecord.ofCsv(Map.of("product_category", "vrf", "business_area", "hotel")), KEYS)).isZero();

        MqlEvent event = SyntheticLeads.events(1, 7).get(0);
        event.setProductCategory("vrf");
        event.setBusinessArea("retail");
        assertThat(crossed.shift(LeadRecord.of(event), KEYS)).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void refusesAColumnThatNamesNoLeadColumn() {
        assertThat(ValueEffects.parts("product_category*business_area")).containsExactly("product_category", "business_area");
        assertThat(ValueEffects.parts("customer_idx")).containsExactly("customer_idx");
        assertThatThrownBy(() -> ValueEffects.parts("product_category*vertical"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'vertical'");
        assertThatThrownBy(() -> new ValueEffects(Map.of("company", new ValueEffects.Column(1, Map.of()))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'company'");
    }

    @Test
    void roundTripsThroughItsFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(ValueEffects.FILE);
        EFFECTS.write(file);
        assertThat(ValueEffects.read(Files.readAllBytes(file), "test")).isEqualTo(EFFECTS);
    }

    @Test
    void refusesEffectsThatAreNotFiniteNumbersWithTheValueNamed() {
        byte[] json = "{\"columns\":{\"customer_idx\":{\"prior_sd\":1,\"effects\":{\"17\":\"NaN\"}}}}".getBytes();
        assertThatThrownBy(() -> ValueEffects.read(json, "bundle-x/id_effects.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bundle-x/id_effects.json").hasMessageContaining("'17'");
        assertThatThrownBy(() -> new ValueEffects.Column(-1, Map.of())).hasMessageContaining("prior_sd");
    }

    private static LeadRecord lead(Long company, Long owner) {
        Map<String, Object> values = new HashMap<>();
        values.put("customer_idx", company);
        values.put("lead_owner", owner);
        return values::get;
    }
}
