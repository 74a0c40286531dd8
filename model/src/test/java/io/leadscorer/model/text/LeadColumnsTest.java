package io.leadscorer.model.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadscorer.avro.MqlEvent;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class LeadColumnsTest {

    @Test
    void hasTheTwentyEightColumnsOfTheEventSchemaInOrder() {
        List<String> featureFields = MqlEvent.getClassSchema().getFields().stream()
                .map(Schema.Field::name)
                .filter(name -> !Set.of("lead_id", "event_time", "source").contains(name))
                .toList();

        assertThat(LeadColumns.ALL).hasSize(28);
        assertThat(LeadColumns.NAMES).containsExactlyElementsOf(featureFields);
        assertThat(LeadColumns.NAMES).startsWith("bant_submit", "customer_country", "business_unit").endsWith("lead_owner");
    }

    @Test
    void numericKindsFollowTheAvroTypes() {
        for (LeadColumn column : LeadColumns.ALL) {
            Schema.Type type = MqlEvent.getClassSchema().getField(column.name()).schema().getTypes().stream()
                    .map(Schema::getType)
                    .filter(t -> t != Schema.Type.NULL)
                    .findFirst()
                    .orElseThrow();
            ColumnKind expected = type == Schema.Type.DOUBLE || type == Schema.Type.LONG ? ColumnKind.NUMBER : ColumnKind.TEXT;
            assertThat(column.kind()).as(column.name()).isEqualTo(expected);
        }
        assertThat(LeadColumns.ALL.stream().filter(c -> c.kind() == ColumnKind.NUMBER).map(LeadColumn::name))
                .containsExactly("bant_submit", "com_reg_ver_win_rate", "customer_idx", "historical_existing_cnt",
                        "id_strategic_ver", "it_strategic_ver", "idit_strategic_ver", "lead_desc_length", "ver_cus",
                        "ver_pro", "ver_win_rate_x", "ver_win_ratio_per_bu", "lead_owner");
    }

    @Test
    void looksUpByAvroAndCsvNames() {
        assertThat(LeadColumns.byName("customer_country_1").csvName()).isEqualTo("customer_country.1");
        assertThat(LeadColumns.byCsvName("customer_country.1")).map(LeadColumn::name).contains("customer_country_1");
        assertThat(LeadColumns.byCsvName("customer_country_1")).isEmpty();
        assertThat(LeadColumns.byCsvName("is_converted")).isEmpty();
        assertThat(LeadColumns.byName("lead_owner").prefix()).isEqualTo("lead_owner_");
        assertThatThrownBy(() -> LeadColumns.byName("customer_country.1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown lead column 'customer_country.1'");
    }
}
