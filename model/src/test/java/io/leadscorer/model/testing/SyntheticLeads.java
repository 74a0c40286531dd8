package io.leadscorer.model.testing;

import io.leadscorer.avro.MqlEvent;
import io.leadscorer.model.text.LeadRecord;
import io.leadscorer.model.text.LeadText;
import io.leadscorer.model.text.TextSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Seeded MQL events that look like the competition's rows (heavy-tailed company and owner ids, many missing
 * cells, messy multilingual categories) for tests and benchmarks of other modules that need plausible leads
 * without the simulator. Carries no conversion signal: it is for shapes, lengths and plumbing, not quality.
 */
public final class SyntheticLeads {

    private static final List<String> COUNTRIES = List.of("/Bogota/Colombia", "//Brazil", "Mumbai / India",
            "Lima, PERU", "/Riyadh/Saudi Arabia", "//Philippines", "São Paulo / Brasil", "서울 / 대한민국",
            "Ciudad de México, MÉXICO", "//United States", "Madrid / España");
    private static final List<String> CUSTOMER_TYPES = List.of("End-Customer", "End Customer", "Specifier/ Influencer",
            "Channel Partner", "Solution Eco-Partner", "Installer", "Distributor", "Others", "HVAC Engineer");
    private static final List<String> JOBS = List.of("engineering", "purchasing", "it", "operations",
            "Jefe de Compras", "Gerente General", "consulting", "education", "구매팀", "sales", "other");
    private static final List<String> INQUIRIES = List.of("Quotation or purchase consultation",
            "quotation_or_purchase_consultation", "Product Information", "Sales inquiry", "Technical Consultation",
            "Solicito apoyo para realizar cotización", "Request a Demo", "Other");
    private static final List<String> CATEGORIES = List.of("interactive digital board", "vrf", "multi-split",
            "signage care solution", "hotel tv", "led signage", "video wall signage", "oled signage", "chiller",
            "monitor", "medical display", "etc.");
    private static final List<String> MODELS = List.of("86TR3BF", "55VSM5J", "LAEC015", "65TR3BF", "32HL512D",
            "49VL5G-M", "ARUN080LSS0");
    private static final List<String> POSITIONS = List.of("entry level", "manager", "ceo/founder", "director",
            "c-level executive", "partner", "vice president", "none", "other", "Gerente", "lider de area");
    private static final List<String> CORPORATES = List.of("LGEIL", "LGESP", "LGEUS", "LGEMS", "LGECB", "LGEPH",
            "LGEGF", "LGEPS", "LGEKR", "LGECL");
    private static final List<String> TIMELINES = List.of("less than 3 months", "3 months ~ 6 months",
            "more than a year", "9 months ~ 1 year", "being followed up", "less_than_3_months");
    private static final List<String> AREAS = List.of("corporate / office", "retail", "hotel & accommodation",
            "hospital & health care", "education", "residential (home)", "factory", "public facility");
    private static final List<String> SUBAREAS = List.of("Engineering", "Manufacturing", "Hospital", "Universities",
            "Retail Store", "Airport", "Bank", "Hotel");

    private SyntheticLeads() {}

    public static List<MqlEvent> events(int count, long seed) {
        Random r = new Random(seed);
        List<MqlEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(event(r, "lead-" + seed + "-" + i));
        }
        return events;
    }

    public static List<String> texts(TextSpec spec, int count, long seed) {
        LeadText writer = LeadText.forSpec(spec);
        return events(count, seed).stream().map(e -> writer.text(LeadRecord.of(e))).toList();
    }

    private static MqlEvent event(Random r, String leadId) {
        Double strategic = sometimes(r, 0.05, () -> 1.0);
        return MqlEvent.newBuilder()
                .setLeadId(leadId)
                .setEventTime(Instant.ofEpochMilli(1_700_000_000_000L + r.nextInt(1_000_000_000)))
                .setSource("synthetic")
                .setBantSubmit(pick(r, List.of(0.0, 0.25, 0.5, 0.75, 1.0)))
                .setCustomerCountry(sometimes(r, 0.98, () -> pick(r, COUNTRIES)))
                .setBusinessUnit(pick(r, List.of("AS", "ID", "IT", "Solution", "CM")))
                .setComRegVerWinRate(sometimes(r, 0.25, () -> r.nextDouble() * 0.2))
                .setCustomerIdx(heavyTail(r, 47_000))
                .setCustomerType(sometimes(r, 0.3, () -> pick(r, CUSTOMER_TYPES)))
                .setEnterprise(pick(r, List.of("Enterprise", "SMB")))
                .setHistoricalExistingCnt(sometimes(r, 0.2, () -> heavyTail(r, 1_400)))
                .setIdStrategicVer(strategic)
                .setItStrategicVer(sometimes(r, 0.03, () -> 1.0))
                .setIditStrategicVer(strategic)
                .setCustomerJob(sometimes(r, 0.7, () -> pick(r, JOBS)))
                .setLeadDescLength(heavyTail(r, 2_000))
                .setInquiryType(sometimes(r, 0.98, () -> pick(r, INQUIRIES)))
                .setProductCategory(sometimes(r, 0.7, () -> pick(r, CATEGORIES)))
                .setProductSubcategory(sometimes(r, 0.15, () -> pick(r, SUBAREAS)))
                .setProductModelname(sometimes(r, 0.15, () -> pick(r, MODELS)))
                .setCustomerCountry1(sometimes(r, 0.98, () -> pick(r, COUNTRIES)))
                .setCustomerPosition(pick(r, POSITIONS))
                .setResponseCorporate(pick(r, CORPORATES))
                .setExpectedTimeline(sometimes(r, 0.5, () -> pick(r, TIMELINES)))
                .setVerCus((long) r.nextInt(2))
                .setVerPro((long) (r.nextInt(3) / 2))
                .setVerWinRateX(sometimes(r, 0.3, () -> r.nextDouble() * 0.005))
                .setVerWinRatioPerBu(sometimes(r, 0.3, () -> r.nextDouble() * 0.1))
                .setBusinessArea(sometimes(r, 0.3, () -> pick(r, AREAS)))
                .setBusinessSubarea(sometimes(r, 0.1, () -> pick(r, SUBAREAS)))
                .setLeadOwner(heavyTail(r, 900))
                .build();
    }

    /** An id in [0, n) with a Zipf-like head: a few ids are very frequent, most are rare. */
    private static long heavyTail(Random r, int n) {
        return (long) Math.floor(Math.pow(n, r.nextDouble()) * (1 + r.nextDouble())) % n;
    }

    private static <T> T sometimes(Random r, double present, Supplier<T> value) {
        return r.nextDouble() < present ? value.get() : null;
    }

    private static <T> T pick(Random r, List<T> values) {
        return values.get(r.nextInt(values.size()));
    }
}
