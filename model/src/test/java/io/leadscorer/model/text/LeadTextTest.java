package io.leadscorer.model.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadscorer.avro.MqlEvent;
import java.text.Normalizer;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LeadTextTest {
    private static final TextSpec DEFAULTS = TextSpec.defaults();

    /** One lead with every kind of value; its text is pinned below as a golden string. */
    private static MqlEvent sampleEvent() {
        return MqlEvent.newBuilder()
                .setLeadId("L-000001")
                .setEventTime(Instant.parse("2026-11-25T06:01:02Z"))
                .setBantSubmit(1.0)
                .setCustomerCountry("/Quezon City/Philippines")
                .setBusinessUnit("AS")
                .setComRegVerWinRate(0.066667)
                .setCustomerIdx(32160L)
                .setCustomerType("End-Customer")
                .setEnterprise("Enterprise")
                .setHistoricalExistingCnt(null)
                .setIdStrategicVer(null)
                .setItStrategicVer(Double.NaN)
                .setIditStrategicVer(null)
                .setCustomerJob("purchasing")
                .setLeadDescLength(62L)
                .setInquiryType("Quotation or purchase consultation")
                .setProductCategory("multi-split")
                .setProductSubcategory("NA")
                .setProductModelname(null)
                .setCustomerCountry1("Asia")
                .setCustomerPosition("Entry Level")
                .setResponseCorporate("LGEPH")
                .setExpectedTimeline("less than 3 months")
                .setVerCus(1L)
                .setVerPro(0L)
                .setVerWinRateX(0.003079134)
                .setVerWinRatioPerBu(0.026846)
                .setBusinessArea("corporate / office")
                .setBusinessSubarea("Engineering")
                .setLeadOwner(0L)
                .build();
    }

    private static final String SAMPLE_TEXT = "bant_submit_1 customer_country_quezon_city_philippines business_unit_as"
            + " com_reg_ver_win_rate_0.06667 customer_idx_32160 customer_type_end_customer enterprise_enterprise"
            + " historical_existing_cnt_nan id_strategic_ver_nan it_strategic_ver_nan idit_strategic_ver_nan"
            + " customer_job_purchasing lead_desc_length_62 inquiry_type_quotation_or_purchase_consultation"
            + " product_category_multi_split product_subcategory_nan product_modelname_nan customer_country_1_asia"
            + " customer_position_entry_level response_corporate_lgeph expected_timeline_less_than_3_months"
            + " ver_cus_1 ver_pro_0 ver_win_rate_x_0.003079 ver_win_ratio_per_bu_0.02685"
            + " business_area_corporate_office business_subarea_engineering lead_owner_0";

    @Test
    void writesTheFullTwentyEightColumnText() {
        String text = LeadText.of(DEFAULTS, LeadRecord.of(sampleEvent()));

        assertThat(text).isEqualTo(SAMPLE_TEXT);
        assertThat(text.split(" ")).hasSize(28);
    }

    @Test
    void anEventAndTheEquivalentCsvRowGiveTheSameText() {
        Map<String, String> row = new HashMap<>();
        row.put("bant_submit", "1.0");
        row.put("customer_country", "/Quezon City/Philippines");
        row.put("business_unit", "AS");
        row.put("com_reg_ver_win_rate", "0.066667");
        row.put("customer_idx", "32160");
        row.put("customer_type", "End-Customer");
        row.put("enterprise", "Enterprise");
        row.put("historical_existing_cnt", "");
        row.put("id_strategic_ver", "NaN");
        row.put("it_strategic_ver", "nan");
        row.put("idit_strategic_ver", "NA");
        row.put("customer_job", "purchasing");
        row.put("lead_desc_length", "62");
        row.put("inquiry_type", "quotation_or_purchase_consultation");
        row.put("product_category", "multi-split");
        row.put("product_subcategory", "NA");
        row.put("product_modelname", "null");
        row.put("customer_country.1", "Asia");
        row.put("customer_position", "Entry Level");
        row.put("response_corporate", "LGEPH");
        row.put("expected_timeline", "less than 3 months");
        row.put("ver_cus", "1");
        row.put("ver_pro", "0.0");
        row.put("ver_win_rate_x", "0.003079134");
        row.put("ver_win_ratio_per_bu", "0.026846");
        row.put("business_area", "corporate / office");
        row.put("business_subarea", "Engineering");
        row.put("lead_owner", "0");
        row.put("is_converted", "True");

        assertThat(LeadText.of(DEFAULTS, LeadRecord.ofCsv(row)))
                .isEqualTo(LeadText.of(DEFAULTS, LeadRecord.of(sampleEvent())))
                .isEqualTo(SAMPLE_TEXT);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "3.0, 3",
        "-0.0, 0",
        "0.0035594, 0.003559",
        "123.456, 123.5",
        "1.0E-7, 0.0000001",
        "0.25, 0.25",
        "0.12345, 0.1235",
        "-2.5, -2.5",
        "99999.5, 100000",
        "12345.678, 12350",
        "1.0E20, 100000000000000000000",
        "NaN, nan",
        "Infinity, inf",
    })
    void writesNumbersCanonically(double value, String expected) {
        assertThat(LeadText.forSpec(DEFAULTS).value(value)).isEqualTo(expected);
    }

    @Test
    void columnDigitsRoundTheNamedColumnsOnlyIntegersIncluded() {
        TextSpec spec = DEFAULTS.withColumnDigits(Map.of("lead_desc_length", 2, "com_reg_ver_win_rate", 2));
        LeadText text = LeadText.forSpec(spec);

        assertThat(text.value("lead_desc_length", 1234L)).isEqualTo("1200");
        assertThat(text.value("lead_desc_length", 1250L)).isEqualTo("1300");
        assertThat(text.value("lead_desc_length", 1234.0)).isEqualTo("1200");
        assertThat(text.value("lead_desc_length", 62L)).isEqualTo("62");
        assertThat(text.value("lead_desc_length", 7L)).isEqualTo("7");
        assertThat(text.value("lead_desc_length", null)).isEqualTo("nan");
        assertThat(text.value("lead_desc_length", Double.NaN)).isEqualTo("nan");
        assertThat(text.value("com_reg_ver_win_rate", 0.066667)).isEqualTo("0.067");
        assertThat(text.value("customer_idx", 32160L)).isEqualTo("32160");
        assertThat(text.value("ver_win_rate_x", 0.003079134)).isEqualTo("0.003079");
    }

    @Test
    void columnDigitsApplyAlikeToEventsAndCsvRows() {
        TextSpec spec = DEFAULTS.withColumnDigits(Map.of("lead_desc_length", 1, "com_reg_ver_win_rate", 1));
        Map<String, String> row = new HashMap<>();
        row.put("lead_desc_length", "62");
        row.put("com_reg_ver_win_rate", "0.066667");
        row.put("customer_idx", "32160");

        String fromCsv = LeadText.of(spec, LeadRecord.ofCsv(row));
        String fromEvent = LeadText.of(spec, LeadRecord.of(sampleEvent()));

        assertThat(fromCsv).contains("lead_desc_length_60", "com_reg_ver_win_rate_0.07", "customer_idx_32160");
        assertThat(fromEvent).contains("lead_desc_length_60", "com_reg_ver_win_rate_0.07", "customer_idx_32160");
    }

    @Test
    void writesLongsWhole() {
        assertThat(LeadText.forSpec(DEFAULTS).value(2333L)).isEqualTo("2333");
        assertThat(LeadText.forSpec(DEFAULTS).value(-7L)).isEqualTo("-7");
        assertThat(LeadText.forSpec(DEFAULTS).value(null)).isEqualTo("nan");
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\u0000', value = {
        "서울/대한민국|서울_대한민국",
        "Jefe de Compras / Gerente|jefe_de_compras_gerente",
        "Quotation or purchase consultation|quotation_or_purchase_consultation",
        "quotation_or_purchase_consultation|quotation_or_purchase_consultation",
        "  //Bogota / Colombia  |bogota_colombia",
        "/  / Brazil|brazil",
        "End-Customer|end_customer",
        "end customer|end_customer",
        "Técnico (Compras), etc.|técnico_compras",
        "Engineer etc|engineer",
        "N/A|nan",
        "n / a|nan",
        "None|nan",
        "null|nan",
        "NA|nan",
        "-|nan",
        "...|nan",
        "Other|other",
        "others|others",
        "Manager; NA|manager",
        "nan|nan",
        "3 - 6 months|3_6_months",
        "v2.1 \"Pro\"|v2.1_pro",
        "ÜBER Straße|über_straße",
        "tab\tand\u00A0nbsp|tab_and_nbsp",
    })
    void cleansTextValues(String raw, String expected) {
        assertThat(LeadText.forSpec(DEFAULTS).value(raw)).isEqualTo(expected);
    }

    @Test
    void decomposedHangulIsComposedFirst() {
        String decomposed = Normalizer.normalize("서울/대한민국", Normalizer.Form.NFD);
        assertThat(decomposed).isNotEqualTo("서울/대한민국");

        assertThat(LeadText.forSpec(DEFAULTS).value(decomposed)).isEqualTo("서울_대한민국");
    }

    @Test
    void truncatesLongValuesToMaxValueChars() {
        LeadText text = LeadText.forSpec(DEFAULTS);

        assertThat(text.value("Director of Procurement and Strategic Sourcing for Latin America Region"))
                .isEqualTo("director_of_procurement_and_strategic_sourcing_f");
        assertThat(text.value("x".repeat(47) + " yz")).isEqualTo("x".repeat(47));
        assertThat(text.value("서울특별시 강남구 테헤란로 ".repeat(10)))
                .isEqualTo("서울특별시_강남구_테헤란로_서울특별시_강남구_테헤란로_서울특별시_강남구_테헤란로_서울특");
    }

    @Test
    void neverSplitsASurrogatePair() {
        String emoji = "\uD83D\uDE00";
        String value = LeadText.forSpec(DEFAULTS).value("a" + emoji.repeat(60));

        assertThat(value).isEqualTo("a" + emoji.repeat(47));
        assertThat(value.codePointCount(0, value.length())).isEqualTo(48);
    }

    @Test
    void aDroppedColumnIsAbsentFromTheText() {
        TextSpec spec = DEFAULTS.withDropped(List.of("customer_job", "product_modelname"));

        String text = LeadText.of(spec, LeadRecord.of(sampleEvent()));

        assertThat(text.split(" ")).hasSize(26);
        assertThat(Arrays.stream(text.split(" ")).filter(t -> t.startsWith("customer_job_") || t.startsWith("product_modelname_")))
                .isEmpty();
        assertThat(text).isEqualTo(SAMPLE_TEXT.replace(" customer_job_purchasing", "").replace(" product_modelname_nan", ""));
    }

    @Test
    void keptColumnsDecideTheOrder() {
        TextSpec spec = new TextSpec(List.of("lead_owner", "customer_idx"), List.of(), List.of(), "", " | ", false,
                2, Map.of(), 48, "NULL", 16);

        assertThat(LeadText.of(spec, LeadRecord.of(sampleEvent()))).isEqualTo("lead_owner_0 | customer_idx_32160");
    }

    @Test
    void withoutLowercaseStopWordsStillMatchAnyCase() {
        TextSpec spec = new TextSpec(List.of("customer_job"), List.of(), List.of("NONE", "etc"), "[/]", " ", false,
                4, Map.of(), 48, "nan", 16);
        LeadText text = LeadText.forSpec(spec);

        assertThat(text.value("Jefe de Compras / ETC")).isEqualTo("Jefe_de_Compras");
        assertThat(text.value("none")).isEqualTo("nan");
        assertThat(text.value("_x_")).isEqualTo("x");
    }
}
