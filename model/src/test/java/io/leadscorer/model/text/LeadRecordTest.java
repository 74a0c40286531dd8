package io.leadscorer.model.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadscorer.avro.MqlEvent;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LeadRecordTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "nan", "NaN", "NAN", "NA", "na", "null", "NULL", " nan "})
    void csvMissingMarkersAreMissingInTextAndNumberColumns(String marker) {
        LeadRecord lead = LeadRecord.ofCsv(Map.of("customer_job", marker, "bant_submit", marker));

        assertThat(lead.value("customer_job")).isNull();
        assertThat(lead.value("bant_submit")).isNull();
    }

    @Test
    void csvNumbersBecomeDoublesAndTextStaysText() {
        Map<String, String> row = new HashMap<>();
        row.put("customer_idx", "2333");
        row.put("bant_submit", " 0.25 ");
        row.put("ver_win_rate_x", "1.0E-7");
        row.put("lead_owner", "n/a");
        row.put("lead_desc_length", "Infinity");
        row.put("response_corporate", "123");
        row.put("customer_country.1", "/ / Brazil");

        LeadRecord lead = LeadRecord.ofCsv(row);

        assertThat(lead.value("customer_idx")).isEqualTo(2333.0);
        assertThat(lead.value("bant_submit")).isEqualTo(0.25);
        assertThat(lead.value("ver_win_rate_x")).isEqualTo(1.0E-7);
        assertThat(lead.value("lead_owner")).isEqualTo("n/a");
        assertThat(lead.value("lead_desc_length")).isEqualTo("Infinity");
        assertThat(lead.value("response_corporate")).isEqualTo("123");
        assertThat(lead.value("customer_country_1")).isEqualTo("/ / Brazil");
        assertThat(lead.value("customer_job")).isNull();
    }

    @Test
    void eventValuesKeepTheirAvroTypes() {
        MqlEvent event = MqlEvent.newBuilder()
                .setLeadId("L-1")
                .setEventTime(Instant.parse("2026-11-25T06:00:00Z"))
                .setCustomerIdx(2333L)
                .setBantSubmit(0.5)
                .setCustomerCountry1("Asia")
                .build();

        LeadRecord lead = LeadRecord.of(event);

        assertThat(lead.value("customer_idx")).isEqualTo(2333L);
        assertThat(lead.value("bant_submit")).isEqualTo(0.5);
        assertThat(lead.value("customer_country_1")).isEqualTo("Asia");
        assertThat(lead.value("customer_job")).isNull();
        assertThatThrownBy(() -> lead.value("lead_id")).isInstanceOf(IllegalArgumentException.class);
    }
}
