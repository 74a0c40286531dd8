package io.leadscorer.model.effects;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadscorer.model.text.LeadRecord;
import io.leadscorer.model.text.TextSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EffectKeysTest {

    private static final EffectKeys DEFAULT_KEYS = new EffectKeys(TextSpec.defaults());

    @Test
    void aValueIsKeyedAsTheSpecsLeadTextWritesIt() {
        TextSpec d = TextSpec.defaults();
        TextSpec other = new TextSpec(d.keptColumns(), d.droppedColumns(), List.of("inc"), "[-]", d.separator(), false,
                d.significantDigits(), d.columnDigits(), d.maxValueChars(), d.missingToken(), d.maxTokens());
        EffectKeys keys = new EffectKeys(other);

        assertThat(DEFAULT_KEYS.key("End-Customer (Retail)")).isEqualTo("end_customer_retail");
        assertThat(keys.key("End-Customer (Retail)")).isEqualTo("End_Customer_(Retail)");
        assertThat(keys.key("Acme inc")).isEqualTo("Acme");
        assertThat(keys.key(17L)).isEqualTo(DEFAULT_KEYS.key(17L)).isEqualTo("17");
    }

    @Test
    void aCrossedColumnsValueIsTheCombinationOfItsPartsAndMissingWhenAnyPartIs() {
        LeadRecord vrfRetail = LeadRecord.ofCsv(Map.of("product_category", "VRF", "business_area", "retail"));
        assertThat(DEFAULT_KEYS.key(vrfRetail, "product_category*business_area")).isEqualTo("vrf | retail");
        assertThat(DEFAULT_KEYS.key(vrfRetail, "product_category")).isEqualTo("vrf");

        LeadRecord noArea = LeadRecord.ofCsv(Map.of("product_category", "vrf"));
        assertThat(DEFAULT_KEYS.key(noArea, "product_category*business_area")).isNull();
        assertThat(DEFAULT_KEYS.key(noArea, "business_area")).isNull();
    }
}
