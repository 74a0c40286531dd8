package io.leadscorer.model.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.leadscorer.model.effects.EffectKeys;
import io.leadscorer.model.effects.ValueEffects;
import io.leadscorer.model.predict.Calibration;
import io.leadscorer.model.text.LeadRecord;
import io.leadscorer.model.text.TextSpec;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueReasonsTest {

    private static final EffectKeys KEYS = new EffectKeys(TextSpec.defaults());
    private static final ValueEffects EFFECTS = new ValueEffects(Map.of(
            "customer_idx", new ValueEffects.Column(1.5, Map.of("17", 0.75, "18", -1.25)),
            "lead_owner", new ValueEffects.Column(0.5, Map.of("3", 0.25, "4", -0.5)),
            "customer_job", new ValueEffects.Column(0.5, Map.of("engineering", 0.5, "it", -0.125)),
            "inquiry_type", new ValueEffects.Column(0.5, Map.of("quotation", 0.0625)),
            "product_category*business_area", new ValueEffects.Column(1.0, Map.of("vrf | retail", -0.375))));
    private static final Calibration CALIBRATION = new Calibration(Calibration.PLATT, 0.2, -1.0, 0.8);

    private final ValueReasons reasons = new ValueReasons(EFFECTS, KEYS, CALIBRATION);

    @Test
    void eachValuesContributionIsTheEffectsSlopeTimesItsEffect() {
        LeadRecord lead = lead(Map.of("customer_idx", 17L, "lead_owner", 4L, "customer_job", "engineering",
                "product_category", "vrf", "business_area", "retail"));

        assertThat(reasons.all(lead)).containsExactly(
                new Reason("customer_idx", "17", 0.8 * 0.75),
                new Reason("customer_job", "engineering", 0.8 * 0.5),
                new Reason("lead_owner", "4", 0.8 * -0.5),
                new Reason("product_category*business_area", "vrf | retail", 0.8 * -0.375));
        double sum = reasons.all(lead).stream().mapToDouble(Reason::contribution).sum();
        assertThat(sum).isCloseTo(CALIBRATION.effectsSlope() * EFFECTS.shift(lead, KEYS), within(1e-12));
    }

    @Test
    void topGivesTheStrongestUpThenTheStrongestDown() {
        LeadRecord lead = lead(Map.of("customer_idx", 18L, "lead_owner", 3L, "customer_job", "it",
                "inquiry_type", "quotation", "product_category", "vrf", "business_area", "retail"));

        assertThat(reasons.top(lead, 1)).extracting(Reason::column).containsExactly("lead_owner", "customer_idx");
        assertThat(reasons.top(lead, 3)).extracting(Reason::column).containsExactly(
                "lead_owner", "inquiry_type", "customer_idx", "product_category*business_area", "customer_job");
        assertThat(reasons.top(lead, 0)).isEmpty();
        assertThatThrownBy(() -> reasons.top(lead, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void missingAndUnseenValuesGiveNoReason() {
        LeadRecord lead = lead(Map.of("customer_idx", 99L, "product_category", "vrf"));

        assertThat(reasons.all(lead)).isEmpty();
        ValueReasons none = new ValueReasons(ValueEffects.NONE, KEYS, CALIBRATION);
        assertThat(none.top(lead, 3)).isEmpty();
        assertThat(none.isEmpty()).isTrue();
        assertThat(reasons.isEmpty()).isFalse();
    }

    @Test
    void theNetworksSharesAddToTheColumnsOwnAndRankWithThem() {
        LeadRecord lead = lead(Map.of("customer_idx", 17L, "lead_owner", 4L, "customer_job", "engineering",
                "product_category", "vrf", "business_area", "retail"));
        Map<String, Double> shares = new java.util.LinkedHashMap<>();
        shares.put("customer_idx", -0.1);
        shares.put("lead_owner", 0.0);
        shares.put("product_category", 1.0);
        shares.put("business_area", 0.0);

        assertThat(reasons.all(lead, shares)).containsExactly(
                new Reason("customer_idx", "17", 0.8 * 0.75 - 0.1),
                new Reason("customer_job", "engineering", 0.8 * 0.5),
                new Reason("lead_owner", "4", 0.8 * -0.5),
                new Reason("product_category*business_area", "vrf | retail", 0.8 * -0.375),
                new Reason("product_category", "vrf", 1.0));
        assertThat(reasons.top(lead, 1, shares)).extracting(Reason::column)
                .containsExactly("product_category", "lead_owner");
        ValueReasons none = new ValueReasons(ValueEffects.NONE, KEYS, CALIBRATION);
        assertThat(none.all(lead, shares)).containsExactly(new Reason("customer_idx", "17", -0.1),
                new Reason("product_category", "vrf", 1.0));
    }

    private static LeadRecord lead(Map<String, Object> cells) {
        Map<String, Object> copy = new HashMap<>(cells);
        return copy::get;
    }
}
