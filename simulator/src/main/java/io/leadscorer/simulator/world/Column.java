package io.leadscorer.simulator.world;

import java.math.BigDecimal;

/**
 * The 28 feature columns of an MQL in the competition's order, with their Avro field name, their CSV header
 * name and their value type. The simulator keeps its own list (it depends on {@code schemas} only); a test
 * holds it against the generated {@code MqlEvent} schema.
 */
public enum Column {
    BANT_SUBMIT("bant_submit", Kind.DOUBLE),
    CUSTOMER_COUNTRY("customer_country", Kind.STRING),
    BUSINESS_UNIT("business_unit", Kind.STRING),
    COM_REG_VER_WIN_RATE("com_reg_ver_win_rate", Kind.DOUBLE),
    CUSTOMER_IDX("customer_idx", Kind.LONG),
    CUSTOMER_TYPE("customer_type", Kind.STRING),
    ENTERPRISE("enterprise", Kind.STRING),
    HISTORICAL_EXISTING_CNT("historical_existing_cnt", Kind.LONG),
    ID_STRATEGIC_VER("id_strategic_ver", Kind.DOUBLE),
    IT_STRATEGIC_VER("it_strategic_ver", Kind.DOUBLE),
    IDIT_STRATEGIC_VER("idit_strategic_ver", Kind.DOUBLE),
    CUSTOMER_JOB("customer_job", Kind.STRING),
    LEAD_DESC_LENGTH("lead_desc_length", Kind.LONG),
    INQUIRY_TYPE("inquiry_type", Kind.STRING),
    PRODUCT_CATEGORY("product_category", Kind.STRING),
    PRODUCT_SUBCATEGORY("product_subcategory", Kind.STRING),
    PRODUCT_MODELNAME("product_modelname", Kind.STRING),
    CUSTOMER_COUNTRY_1("customer_country_1", "customer_country.1", Kind.STRING),
    CUSTOMER_POSITION("customer_position", Kind.STRING),
    RESPONSE_CORPORATE("response_corporate", Kind.STRING),
    EXPECTED_TIMELINE("expected_timeline", Kind.STRING),
    VER_CUS("ver_cus", Kind.LONG),
    VER_PRO("ver_pro", Kind.LONG),
    VER_WIN_RATE_X("ver_win_rate_x", Kind.DOUBLE),
    VER_WIN_RATIO_PER_BU("ver_win_ratio_per_bu", Kind.DOUBLE),
    BUSINESS_AREA("business_area", Kind.STRING),
    BUSINESS_SUBAREA("business_subarea", Kind.STRING),
    LEAD_OWNER("lead_owner", Kind.LONG);

    /** Value type of a column: the Java class its values have ({@code Double}, {@code Long}, {@code String}). */
    public enum Kind {
        DOUBLE(Double.class), LONG(Long.class), STRING(String.class);

        private final Class<?> type;

        Kind(Class<?> type) {
            this.type = type;
        }

        public Class<?> type() {
            return type;
        }
    }

    private final String avroName;
    private final String csvName;
    private final Kind kind;

    Column(String name, Kind kind) {
        this(name, name, kind);
    }

    Column(String avroName, String csvName, Kind kind) {
        this.avroName = avroName;
        this.csvName = csvName;
        this.kind = kind;
    }

    public String avroName() {
        return avroName;
    }

    public String csvName() {
        return csvName;
    }

    public Kind kind() {
        return kind;
    }

    /**
     * The value as a CSV cell: empty when missing, integers as digits, doubles in plain decimal notation
     * ({@code 0.25}, {@code 1.0}, {@code 0.000735}, never {@code 7.35E-4}).
     */
    public static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double d) {
            double abs = Math.abs(d);
            return abs != 0 && abs < 1e-3 ? BigDecimal.valueOf(d).toPlainString() : Double.toString(d);
        }
        return value.toString();
    }
}
