package io.leadscorer.simulator.world;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadscorer.avro.MqlEvent;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class ColumnTest {

    @Test
    void columnsAreTheFeatureFieldsOfMqlEventInOrderWithTheirTypes() {
        List<Schema.Field> fields = MqlEvent.getClassSchema().getFields();
        List<String> featureFields = fields.stream().map(Schema.Field::name)
                .filter(name -> !List.of("lead_id", "event_time", "source").contains(name)).toList();

        assertThat(Arrays.stream(Column.values()).map(Column::avroName).toList()).isEqualTo(featureFields).hasSize(28);
        for (Column column : Column.values()) {
            Schema union = MqlEvent.getClassSchema().getField(column.avroName()).schema();
            assertThat(union.getTypes()).extracting(Schema::getType).as(column.avroName())
                    .containsExactly(Schema.Type.NULL, switch (column.kind()) {
                        case DOUBLE -> Schema.Type.DOUBLE;
                        case LONG -> Schema.Type.LONG;
                        case STRING -> Schema.Type.STRING;
                    });
        }
    }

    @Test
    void csvNamesAreTheCompetitionHeaderNames() {
        assertThat(Column.CUSTOMER_COUNTRY_1.csvName()).isEqualTo("customer_country.1");
        assertThat(Column.CUSTOMER_COUNTRY_1.avroName()).isEqualTo("customer_country_1");
        assertThat(Arrays.stream(Column.values()).filter(c -> !c.csvName().equals(c.avroName())))
                .containsExactly(Column.CUSTOMER_COUNTRY_1);
    }

    @Test
    void cellsWriteNumbersPlainAndMissingEmpty() {
        assertThat(Column.cell(null)).isEmpty();
        assertThat(Column.cell(0.25)).isEqualTo("0.25");
        assertThat(Column.cell(1.0)).isEqualTo("1.0");
        assertThat(Column.cell(0.0)).isEqualTo("0.0");
        assertThat(Column.cell(0.000735)).isEqualTo("0.000735");
        assertThat(Column.cell(47466L)).isEqualTo("47466");
        assertThat(Column.cell("//Bogota/Colombia")).isEqualTo("//Bogota/Colombia");
    }
}
