package io.leadscorer.model.text;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class IdRatesTest {

    private static LeadRecord lead(String customer, String owner) {
        Map<String, String> cells = new java.util.HashMap<>();
        if (customer != null) {
            cells.put("customer_idx", customer);
        }
        cells.put("lead_owner", owner);
        cells.put("inquiry_type", "quotation");
        return LeadRecord.ofCsv(cells);
    }

    /** Company 7: 40 leads, 20 converted; company 8: 3 leads, none; owner 1 throughout; prior 0.1. */
    private static IdRates table() {
        List<LeadRecord> records = new ArrayList<>();
        List<Boolean> labels = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            records.add(lead("7", "1"));
            labels.add(i < 20);
        }
        for (int i = 0; i < 3; i++) {
            records.add(lead("8", "1"));
            labels.add(false);
        }
        boolean[] converted = new boolean[labels.size()];
        for (int i = 0; i < converted.length; i++) {
            converted[i] = labels.get(i);
        }
        return IdRates.fit(List.of("customer_idx", "lead_owner"), records, records, converted, 0.1, 10);
    }

    @Test
    void fitsCountsAndRatesShrunkTowardsThePrior() {
        IdRates rates = table();

        assertThat(rates.count("customer_idx", "7")).isEqualTo(40);
        assertThat(rates.count("customer_idx", "9")).isZero();
        assertThat(rates.columns().get("customer_idx").get("7")[1]).isCloseTo((20 + 10 * 0.1) / (40 + 10), within(1e-12));
        assertThat(rates.columns().get("customer_idx").get("8")[1]).isCloseTo((0 + 10 * 0.1) / (3 + 10), within(1e-12));
    }

    @Test
    void leadTextAddsRateAndCountCellsAndWritesRareIdsAsOneToken() {
        TextSpec spec = TextSpec.defaults().withDropped(LeadColumns.NAMES.stream()
                        .filter(c -> !List.of("customer_idx", "inquiry_type").contains(c)).toList())
                .withIdRates(List.of("customer_idx", "lead_owner"), 5);
        LeadText text = LeadText.forSpec(spec).withIdRates(table());

        // rate 0.42 is 4.2x the prior: log2 = 2.07, 4 half-steps; 40 rows: bucket 6 (32 to 63); owner 1: 21/53
        assertThat(text.text(lead("7", "1"))).isEqualTo("customer_idx_7 inquiry_type_quotation "
                + "customer_idx_rate_p4 customer_idx_n_6 lead_owner_rate_p4 lead_owner_n_6");
        // seen 3 times (< 5): one rare token; rate 0.077 against 0.1: -0.76 half-steps, rounded to -1
        assertThat(text.text(lead("8", "1"))).startsWith("customer_idx_rare inquiry_type_quotation "
                + "customer_idx_rate_m1 customer_idx_n_2 ");
        // never seen: rare, the prior's rate, count 0; missing: nan with the prior's cells
        assertThat(text.text(lead("12345", "1"))).startsWith("customer_idx_rare inquiry_type_quotation "
                + "customer_idx_rate_p0 customer_idx_n_0 ");
        assertThat(text.text(lead(null, "1"))).startsWith("customer_idx_nan inquiry_type_quotation "
                + "customer_idx_rate_p0 customer_idx_n_0 ");
    }

    @Test
    void aSpecWithIdRateColumnsNeedsTheTable() {
        TextSpec spec = TextSpec.defaults().withIdRates(List.of("customer_idx"), 0);

        assertThatThrownBy(() -> LeadText.forSpec(spec).text(lead("7", "1")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no id rates were given");
        assertThatThrownBy(() -> LeadText.forSpec(TextSpec.defaults().withIdRates(List.of("enterprise"), 0))
                .withIdRates(table())).hasMessageContaining("no id rates for column 'enterprise'");
    }

    @Test
    void roundTripsThroughItsBundleFileAndSpecsWithoutItReadAsNone(@TempDir Path dir) throws Exception {
        IdRates rates = table();
        rates.write(dir.resolve(IdRates.FILE));
        IdRates read = IdRates.read(dir.resolve(IdRates.FILE));
        TextSpec spec = TextSpec.defaults().withIdRates(List.of("customer_idx", "lead_owner"), 5);
        ObjectMapper json = new ObjectMapper();

        assertThat(LeadText.forSpec(spec).withIdRates(read).text(lead("7", "1")))
                .isEqualTo(LeadText.forSpec(spec).withIdRates(rates).text(lead("7", "1")));
        assertThat(json.readValue(json.writeValueAsString(spec), TextSpec.class)).isEqualTo(spec);
        String old = json.writeValueAsString(TextSpec.defaults())
                .replace(",\"id_rate_columns\":[]", "").replace(",\"id_rare_below\":0", "");
        assertThat(old).doesNotContain("id_rate");
        assertThat(json.readValue(old, TextSpec.class)).isEqualTo(TextSpec.defaults());
    }
}
