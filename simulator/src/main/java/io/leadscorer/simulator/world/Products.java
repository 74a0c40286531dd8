package io.leadscorer.simulator.world;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What leads ask about and who they are: business units, product categories with their subcategories and
 * model names, and the business areas (verticals) of customers with their subareas and the vertical
 * flags of the competition data (target vertical, strategic vertical of the ID or IT unit).
 */
final class Products {

    /** Business unit; {@code label} is how it appears in the data. */
    enum BusinessUnit {
        ID("ID", 0.35), IT("IT", 0.20), AS("AS", 0.25), SOLUTION("Solution", 0.12), CM("CM", 0.08);

        private final String label;
        private final double weight;

        BusinessUnit(String label, double weight) {
            this.label = label;
            this.weight = weight;
        }

        String label() {
            return label;
        }

        double weight() {
            return weight;
        }
    }

    /** A product subcategory and the model names under it. */
    record Subcategory(String name, String[] models) {
    }

    /** A product category of one business unit; {@code target}: a category the vertical programmes push. */
    record Category(int index, Term<BusinessUnit> term, boolean target, List<Subcategory> subcategories) {
        BusinessUnit unit() {
            return term.group();
        }
    }

    /** A business area (vertical) with its subareas. */
    record Area(int index, Term<Void> term, boolean target, boolean idStrategic, boolean itStrategic,
                String[] subareas) {
    }

    static final List<Category> CATEGORIES = new ArrayList<>();
    static final List<Area> AREAS = new ArrayList<>();
    static final double[] UNIT_CUMULATIVE = Draws.cumulative(
            java.util.Arrays.stream(BusinessUnit.values()).mapToDouble(BusinessUnit::weight).toArray());

    private static final Draws CATALOG_DRAWS = new Draws(0x5EED_CA7AL);

    static {
        category(BusinessUnit.ID, 1.0, true, "interactive digital board", "Interactive Digital Board")
                .in(Language.ES, "Pizarra digital interactiva").in(Language.PT, "Lousa digital interativa");
        category(BusinessUnit.ID, 1.6, true, "video wall signage", "Video Wall", "videowall")
                .in(Language.ES, "Videowall LED", "Pantalla de videowall");
        category(BusinessUnit.ID, 1.4, true, "standard signage", "Standard Signage", "Digital Signage")
                .in(Language.ES, "Señalización digital").in(Language.PT, "Sinalização digital");
        category(BusinessUnit.ID, 0.6, false, "high brightness signage", "High Brightness");
        category(BusinessUnit.ID, 0.5, true, "oled signage", "OLED Signage");
        category(BusinessUnit.ID, 0.9, true, "led signage", "LED Signage", "LED")
                .in(Language.ES, "Pantalla LED").in(Language.PT, "Painel de LED");
        category(BusinessUnit.ID, 0.7, true, "hotel tv", "Hotel TV", "Hospitality TV");
        category(BusinessUnit.ID, 0.4, false, "webos signage", "webOS Signage");
        category(BusinessUnit.ID, 0.3, false, "signage care solution", "SuperSign");
        category(BusinessUnit.ID, 0.3, false, "one:quick series", "One:Quick");
        category(BusinessUnit.IT, 1.5, true, "monitor", "Monitors", "Commercial Monitor")
                .in(Language.ES, "Monitores").in(Language.PT, "Monitor comercial").in(Language.KO, "모니터");
        category(BusinessUnit.IT, 0.8, false, "projector", "Projectors", "ProBeam")
                .in(Language.ES, "Proyector").in(Language.PT, "Projetor");
        category(BusinessUnit.IT, 0.7, false, "laptop", "Laptops", "Notebook PC")
                .in(Language.ES, "Portátil").in(Language.PT, "Notebook");
        category(BusinessUnit.IT, 0.6, false, "cloud device", "Thin Client", "Cloud Device");
        category(BusinessUnit.IT, 0.5, true, "medical display", "Medical Displays", "Diagnostic Monitor")
                .in(Language.ES, "Monitor médico");
        category(BusinessUnit.AS, 1.3, true, "vrf", "VRF", "Multi V")
                .in(Language.ES, "Sistemas VRF");
        category(BusinessUnit.AS, 1.0, false, "multi-split (single zone)", "Multi-Split", "Multi Split")
                .in(Language.ES, "Multi split");
        category(BusinessUnit.AS, 1.2, false, "single-split", "Single Split", "Split")
                .in(Language.ES, "Aire acondicionado split").in(Language.PT, "Ar condicionado split");
        category(BusinessUnit.AS, 0.7, true, "chiller", "Chillers")
                .in(Language.ES, "Enfriadora").in(Language.PT, "Resfriador");
        category(BusinessUnit.AS, 0.5, false, "heating", "Heat Pump", "Heating")
                .in(Language.ES, "Calefacción").in(Language.PT, "Aquecimento").in(Language.DE, "Wärmepumpe");
        category(BusinessUnit.AS, 0.4, false, "ventilation", "ERV")
                .in(Language.ES, "Ventilación");
        category(BusinessUnit.AS, 0.3, false, "control", "Controls", "BMS");
        category(BusinessUnit.SOLUTION, 0.8, false, "ess", "ESS", "Energy Storage System");
        category(BusinessUnit.SOLUTION, 0.5, false, "ems", "EMS", "Energy Management");
        category(BusinessUnit.SOLUTION, 0.6, false, "software solution", "Software", "Solution SW");
        category(BusinessUnit.SOLUTION, 0.4, false, "robots", "Robot", "CLOi");
        category(BusinessUnit.SOLUTION, 0.5, false, "ev charger", "EV Charger", "EV Charging")
                .in(Language.ES, "Cargador EV").in(Language.PT, "Carregador de veículos elétricos");
        category(BusinessUnit.CM, 1.0, false, "tv", "TV", "Television")
                .in(Language.ES, "Televisor").in(Language.PT, "Televisão").in(Language.KO, "TV 문의");
        category(BusinessUnit.CM, 0.6, false, "commercial tv", "Commercial TV");
        category(BusinessUnit.CM, 0.4, false, "home appliances", "Appliances", "Home Appliance")
                .in(Language.ES, "Electrodomésticos").in(Language.PT, "Eletrodomésticos").in(Language.KO, "가전");

        area(1.6, true, true, true, "corporate / office", new String[] {"Corporate/Office", "Corporate Office"},
                "Others", "IT/Software", "Manufacturing", "Finance", "Engineering", "Consulting")
                .in(Language.ES, "corporativo / oficina").in(Language.PT, "corporativo / escritório");
        area(1.2, true, true, false, "retail", new String[] {"Retail"},
                "Supermarket", "Shopping mall", "Fashion", "Electronics store", "Others")
                .in(Language.ES, "comercio minorista", "retail / tiendas").in(Language.PT, "varejo");
        area(0.8, true, false, true, "hospital & health care", new String[] {"Hospital & Health Care", "Healthcare"},
                "Hospital", "Clinic", "Laboratory", "Others")
                .in(Language.ES, "hospital y salud").in(Language.PT, "hospital e saúde");
        area(0.9, true, false, true, "education", new String[] {"Education"},
                "K12 School", "Higher education", "Training center", "Others")
                .in(Language.ES, "educación").in(Language.PT, "educação");
        area(0.6, true, true, false, "hotel & accommodation", new String[] {"Hotel & Accommodation", "Hospitality"},
                "Hotel", "Resort", "Others")
                .in(Language.ES, "hotelería").in(Language.PT, "hotelaria");
        area(0.7, false, false, false, "factory", new String[] {"Factory", "Manufacturing"},
                "Manufacturing plant", "Warehouse", "Others")
                .in(Language.ES, "fábrica").in(Language.PT, "fábrica / indústria");
        area(0.5, false, false, false, "government department", new String[] {"Government Department", "Government"},
                "Public office", "Military", "Others")
                .in(Language.ES, "gobierno").in(Language.PT, "governo");
        area(0.5, false, true, false, "transportation", new String[] {"Transportation"},
                "Airport", "Railway station", "Port", "Others");
        area(0.6, false, false, false, "residential (home)", new String[] {"Residential", "Home"},
                "Apartment", "Villa", "Others")
                .in(Language.ES, "residencial").in(Language.KO, "주거");
        area(0.4, false, false, false, "public facility", new String[] {"Public Facility"},
                "Museum", "Stadium", "Religious facility", "Others");
        area(0.3, false, false, false, "special purpose", new String[] {"Special Purpose"},
                "Control room", "Broadcasting", "Others");
        area(0.3, false, false, false, "power plant / renewable energy", new String[] {"Power plant / Renewable Energy"},
                "Solar", "Wind", "Others");
    }

    static final double[] AREA_CUMULATIVE = Term.cumulativeWeights(AREAS.stream().map(Area::term).toList());

    private Products() {
    }

    /** Categories of one unit, in catalogue order. */
    static List<Category> categoriesOf(BusinessUnit unit) {
        return CATEGORIES.stream().filter(c -> c.unit() == unit).toList();
    }

    private static Term<BusinessUnit> category(BusinessUnit unit, double weight, boolean target, String canonical,
                                               String... alternates) {
        Term<BusinessUnit> term = Term.of(unit, weight, canonical, alternates);
        List<Subcategory> subcategories = new ArrayList<>();
        int count = 2 + CATALOG_DRAWS.index(3);
        for (int s = 0; s < count; s++) {
            String series = (char) ('A' + CATALOG_DRAWS.index(26)) + String.valueOf(2 + CATALOG_DRAWS.index(8));
            String name = titleWords(canonical) + " " + series + " Series";
            String[] models = new String[2 + CATALOG_DRAWS.index(6)];
            for (int m = 0; m < models.length; m++) {
                models[m] = modelName(unit);
            }
            subcategories.add(new Subcategory(name, models));
        }
        CATEGORIES.add(new Category(CATEGORIES.size(), term, target, List.copyOf(subcategories)));
        return term;
    }

    private static Term<Void> area(double weight, boolean target, boolean idStrategic, boolean itStrategic,
                                   String canonical, String[] alternates, String... subareas) {
        Term<Void> term = Term.of(null, weight, canonical, alternates);
        AREAS.add(new Area(AREAS.size(), term, target, idStrategic, itStrategic, subareas));
        return term;
    }

    private static String modelName(BusinessUnit unit) {
        int[] sizes = {32, 43, 49, 55, 65, 75, 86, 98};
        String letters = "" + letter() + letter();
        return switch (unit) {
            case ID, CM -> sizes[CATALOG_DRAWS.index(sizes.length)] + letters + (1 + CATALOG_DRAWS.index(9)) + letter() + "-" + letter();
            case IT -> (22 + CATALOG_DRAWS.index(12)) + letters + (100 + CATALOG_DRAWS.index(900)) + "-" + letter();
            case AS -> "AR" + letters + String.format(Locale.ROOT, "%03d", 9 * (1 + CATALOG_DRAWS.index(40))) + letter() + letter() + "0";
            case SOLUTION -> letters + "-" + (1000 + CATALOG_DRAWS.index(9000));
        };
    }

    private static char letter() {
        return (char) ('A' + CATALOG_DRAWS.index(26));
    }

    private static String titleWords(String text) {
        StringBuilder out = new StringBuilder();
        for (String word : text.split(" ")) {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            out.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return out.toString();
    }
}
