package io.leadscorer.model.tokenizer;

import io.leadscorer.model.text.LeadRecord;
import io.leadscorer.model.text.LeadText;
import io.leadscorer.model.text.TextSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Hand-made leads that look like the competition's MQL rows (heavy-tailed company and owner ids, mostly-missing
 * columns, messy multilingual categories, free-text countries), for tokenizer tests and token-length figures.
 */
final class SimulatedLeads {
    private static final List<String> CITIES = List.of("Bogota", "São Paulo", "Mumbai", "Lima", "Riyadh", "Manila",
            "Quezon City", "Santiago", "Jakarta", "Cairo", "Dubai", "Lagos", "Mexico City", "Chennai", "Delhi",
            "Bangalore", "Guadalajara", "Monterrey", "Buenos Aires", "Istanbul", "Madrid", "Milano", "Houston",
            "서울", "부산", "Medellín", "Cali", "Karachi", "Hanoi", "Ho Chi Minh", "Kuala Lumpur", "Panamá");
    private static final List<String> COUNTRIES = List.of("Colombia", "Brazil", "India", "Peru", "Saudi Arabia",
            "Philippines", "Chile", "Indonesia", "Egypt", "United Arab Emirates", "Nigeria", "Mexico", "Argentina",
            "Turkey", "Spain", "Italy", "United States", "대한민국", "Vietnam", "Malaysia", "Panama", "Pakistan");
    private static final List<String> BUSINESS_UNITS = List.of("AS", "ID", "IT", "Solution", "CM");
    private static final List<String> CUSTOMER_TYPES = List.of("End-Customer", "End Customer", "Specifier/ Influencer",
            "Channel Partner", "Service Partner", "Solution Eco-Partner", "Installer", "Distributor", "Consultant",
            "Engineer", "Others", "HVAC Engineer", "Corporate", "Home Owner", "Dealer/Distributor");
    private static final List<String> JOBS = List.of("engineering", "purchasing", "it", "administrative", "operations",
            "Jefe de Compras", "Gerente General", "consulting", "education", "entrepreneurship", "business development",
            "arts and design", "sales", "marketing", "other", "Ingeniero de Proyectos", "구매팀", "Director Comercial",
            "program and project management", "information technology", "media and communication");
    private static final List<String> INQUIRIES = List.of("Quotation or purchase consultation",
            "quotation_or_purchase_consultation", "Product Information", "Sales inquiry", "Technical Consultation",
            "Request for Partnership", "Usage or technical consultation", "Other", "Request for quotation or purchase",
            "Solicito apoyo para realizar cotización", "Request a Demo", "technical_support");
    private static final List<String> CATEGORIES = List.of("interactive digital board", "vrf", "multi-split",
            "one:quick", "signage care solution", "hotel tv", "led signage", "video wall signage", "standard signage",
            "oled signage", "chiller", "single-split", "monitor", "medical display", "webos", "heating", "ess",
            "projector", "pc", "laptop", "cloud device", "special signage", "accessories", "etc.");
    private static final List<String> SUBCATEGORIES = List.of("All Medical Displays", "Interactive Digital Board",
            "TR3BF Series", "Transparent OLED Signage", "Video Wall", "High Brightness", "Diagnostic Monitors");
    private static final List<String> MODELS = List.of("86TR3BF", "55VSM5J", "LAEC015", "65TR3BF", "32HL512D",
            "49VL5G-M", "75UH5F", "LSCA025", "ARUN080LSS0", "27HJ712C-W");
    private static final List<String> POSITIONS = List.of("entry level", "manager", "ceo/founder", "director",
            "c-level executive", "partner", "vice president", "none", "other", "associate/analyst", "trainee",
            "intern", "lider de area", "Gerente", "Jefe de Compras / Gerente", "customer");
    private static final List<String> CORPORATES = List.of("LGEIL", "LGESP", "LGEUS", "LGEMS", "LGECB", "LGEPH",
            "LGEGF", "LGEPS", "LGEKR", "LGECL", "LGEPR", "LGEVH", "LGEMK", "LGEAR");
    private static final List<String> TIMELINES = List.of("less than 3 months", "3 months ~ 6 months",
            "more than a year", "6 months ~ 9 months", "9 months ~ 1 year", "being followed up",
            "the client is not having any requirement hence closing the lead", "less_than_3_months");
    private static final List<String> AREAS = List.of("corporate / office", "retail", "hotel & accommodation",
            "hospital & health care", "education", "residential (home)", "factory", "public facility",
            "special purpose", "government department", "transportation", "power plant / renewable energy");
    private static final List<String> SUBAREAS = List.of("Engineering", "Manufacturing", "Hospital", "Universities",
            "Retail Store", "Airport", "Bank", "Hotel", "Restaurant", "Public Office", "Apartment", "Logistics");

    private SimulatedLeads() {}

    static List<String> texts(TextSpec spec, int count, long seed) {
        Random random = new Random(seed);
        LeadText writer = LeadText.forSpec(spec);
        return java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> writer.text(LeadRecord.ofCsv(row(random))))
                .toList();
    }

    private static Map<String, String> row(Random r) {
        Map<String, String> row = new HashMap<>();
        row.put("bant_submit", pick(r, List.of("0.0", "0.25", "0.5", "0.75", "1.0")));
        row.put("customer_country", r.nextDouble() < 0.02 ? "" : country(r));
        row.put("business_unit", pick(r, BUSINESS_UNITS));
        row.put("com_reg_ver_win_rate", sometimes(r, 0.25, () -> String.valueOf(r.nextDouble() * 0.2)));
        row.put("customer_idx", String.valueOf(heavyTail(r, 47_000)));
        row.put("customer_type", sometimes(r, 0.3, () -> pick(r, CUSTOMER_TYPES)));
        row.put("enterprise", pick(r, List.of("Enterprise", "SMB")));
        row.put("historical_existing_cnt", sometimes(r, 0.2, () -> String.valueOf(heavyTail(r, 1_400))));
        String strategic = sometimes(r, 0.05, () -> "1.0");
        row.put("id_strategic_ver", strategic);
        row.put("it_strategic_ver", sometimes(r, 0.03, () -> "1.0"));
        row.put("idit_strategic_ver", strategic);
        row.put("customer_job", sometimes(r, 0.7, () -> pick(r, JOBS)));
        row.put("lead_desc_length", String.valueOf(heavyTail(r, 2_000)));
        row.put("inquiry_type", sometimes(r, 0.98, () -> pick(r, INQUIRIES)));
        row.put("product_category", sometimes(r, 0.7, () -> pick(r, CATEGORIES)));
        row.put("product_subcategory", sometimes(r, 0.15, () -> pick(r, SUBCATEGORIES)));
        row.put("product_modelname", sometimes(r, 0.15, () -> pick(r, MODELS)));
        row.put("customer_country.1", r.nextDouble() < 0.02 ? "nan" : "/ / " + pick(r, COUNTRIES));
        row.put("customer_position", pick(r, POSITIONS));
        row.put("response_corporate", pick(r, CORPORATES));
        row.put("expected_timeline", sometimes(r, 0.5, () -> pick(r, TIMELINES)));
        row.put("ver_cus", pick(r, List.of("0", "1")));
        row.put("ver_pro", pick(r, List.of("0", "0", "1")));
        row.put("ver_win_rate_x", sometimes(r, 0.3, () -> String.valueOf(r.nextDouble() * 0.005)));
        row.put("ver_win_ratio_per_bu", sometimes(r, 0.3, () -> String.valueOf(r.nextDouble() * 0.1)));
        row.put("business_area", sometimes(r, 0.3, () -> pick(r, AREAS)));
        row.put("business_subarea", sometimes(r, 0.1, () -> pick(r, SUBAREAS)));
        row.put("lead_owner", String.valueOf(heavyTail(r, 900)));
        return row;
    }

    private static String country(Random r) {
        String city = pick(r, CITIES);
        String country = pick(r, COUNTRIES);
        return switch (r.nextInt(4)) {
            case 0 -> "/" + city + "/" + country;
            case 1 -> "//" + country;
            case 2 -> city + " / " + country;
            default -> city + ", " + country.toUpperCase(java.util.Locale.ROOT);
        };
    }

    /** An id in [0, n) with a Zipf-like head: a few ids are very frequent, most are rare. */
    private static long heavyTail(Random r, int n) {
        return (long) Math.floor(Math.pow(n, r.nextDouble()) * (1 + r.nextDouble())) % n;
    }

    private static String sometimes(Random r, double present, java.util.function.Supplier<String> value) {
        return r.nextDouble() < present ? value.get() : "";
    }

    private static String pick(Random r, List<String> values) {
        return values.get(r.nextInt(values.size()));
    }
}
