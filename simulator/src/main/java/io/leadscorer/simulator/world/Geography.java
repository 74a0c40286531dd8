package io.leadscorer.simulator.world;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where leads come from: countries with their cities, language, subsidiary and region, and the many ways
 * a country is typed into a form ({@code Mumbai/India}, {@code //Bogota/Colombia}, {@code São Paulo/Brasil}).
 */
final class Geography {

    /** Region of the responsible subsidiary, the competition's {@code customer_country.1}. */
    enum Region {
        INDIA("India"), LATIN_AMERICA("Latin America"), NORTH_AMERICA("North America"), EUROPE("Europe"),
        ASIA("Asia"), OCEANIA("Oceania"), KOREA("Korea"), MIDDLE_EAST_AFRICA("Middle East and Africa");

        private final String label;

        Region(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    /**
     * A country. {@code weight} is its share of leads; {@code localName} is how it is written in its own
     * language (null when that is the English name).
     */
    record Country(int index, String name, String iso, Region region, Language language, double weight,
                   String localName, String[] cities, String[] writings, double[] writingCumulative) {

        /** The subsidiary that handles the country's leads, the competition's {@code response_corporate}. */
        String subsidiary() {
            return "SUB" + iso;
        }

        String write(Draws draws) {
            return writings[draws.pick(writingCumulative)];
        }
    }

    static final List<Country> COUNTRIES = new ArrayList<>();

    static {
        country("India", "IN", Region.INDIA, Language.EN, 0.20, null,
                "Mumbai", "New Delhi", "Bangalore", "Chennai", "Hyderabad", "Pune", "Kolkata", "Ahmedabad");
        country("Brazil", "BR", Region.LATIN_AMERICA, Language.PT, 0.09, "Brasil",
                "São Paulo", "Rio de Janeiro", "Curitiba", "Belo Horizonte", "Porto Alegre", "Manaus");
        country("Colombia", "CO", Region.LATIN_AMERICA, Language.ES, 0.05, null,
                "Bogota", "Medellin", "Cali", "Barranquilla");
        country("Mexico", "MX", Region.LATIN_AMERICA, Language.ES, 0.05, "México",
                "Ciudad de México", "Monterrey", "Guadalajara", "Puebla");
        country("Chile", "CL", Region.LATIN_AMERICA, Language.ES, 0.03, null, "Santiago", "Valparaiso", "Concepcion");
        country("Peru", "PE", Region.LATIN_AMERICA, Language.ES, 0.03, "Perú", "Lima", "Arequipa", "Trujillo");
        country("Argentina", "AR", Region.LATIN_AMERICA, Language.ES, 0.02, null, "Buenos Aires", "Cordoba", "Rosario");
        country("Panama", "PA", Region.LATIN_AMERICA, Language.ES, 0.01, "Panamá", "Panama City", "Colon");
        country("United States", "US", Region.NORTH_AMERICA, Language.EN, 0.09, "USA",
                "New York", "Los Angeles", "Chicago", "Houston", "Atlanta", "Dallas");
        country("Canada", "CA", Region.NORTH_AMERICA, Language.EN, 0.02, null, "Toronto", "Vancouver", "Montreal");
        country("United Kingdom", "GB", Region.EUROPE, Language.EN, 0.05, "UK", "London", "Manchester", "Birmingham");
        country("Germany", "DE", Region.EUROPE, Language.DE, 0.04, "Deutschland", "Berlin", "Munich", "Frankfurt", "Hamburg");
        country("Spain", "ES", Region.EUROPE, Language.ES, 0.035, "España", "Madrid", "Barcelona", "Valencia");
        country("Italy", "IT", Region.EUROPE, Language.IT, 0.03, "Italia", "Milan", "Rome", "Turin");
        country("France", "FR", Region.EUROPE, Language.FR, 0.025, null, "Paris", "Lyon", "Marseille");
        country("Portugal", "PT", Region.EUROPE, Language.PT, 0.01, null, "Lisbon", "Porto");
        country("Poland", "PL", Region.EUROPE, Language.EN, 0.015, "Polska", "Warsaw", "Krakow");
        country("Turkey", "TR", Region.EUROPE, Language.EN, 0.01, "Türkiye", "Istanbul", "Ankara");
        country("Philippines", "PH", Region.ASIA, Language.EN, 0.04, null, "Manila", "Cebu", "Davao");
        country("Vietnam", "VN", Region.ASIA, Language.EN, 0.03, "Việt Nam", "Hanoi", "Ho Chi Minh City");
        country("Indonesia", "ID", Region.ASIA, Language.EN, 0.02, null, "Jakarta", "Surabaya");
        country("Singapore", "SG", Region.ASIA, Language.EN, 0.015, null, "Singapore");
        country("Australia", "AU", Region.OCEANIA, Language.EN, 0.025, null, "Sydney", "Melbourne", "Brisbane");
        country("South Korea", "KR", Region.KOREA, Language.KO, 0.02, "대한민국", "Seoul", "Busan", "Incheon");
        country("Saudi Arabia", "SA", Region.MIDDLE_EAST_AFRICA, Language.EN, 0.025, "KSA", "Riyadh", "Jeddah", "Dammam");
        country("United Arab Emirates", "AE", Region.MIDDLE_EAST_AFRICA, Language.EN, 0.02, "UAE", "Dubai", "Abu Dhabi");
        country("Egypt", "EG", Region.MIDDLE_EAST_AFRICA, Language.EN, 0.012, null, "Cairo", "Alexandria");
        country("South Africa", "ZA", Region.MIDDLE_EAST_AFRICA, Language.EN, 0.012, null, "Johannesburg", "Cape Town");
        country("Nigeria", "NG", Region.MIDDLE_EAST_AFRICA, Language.EN, 0.01, null, "Lagos", "Abuja");
        country("Kenya", "KE", Region.MIDDLE_EAST_AFRICA, Language.EN, 0.006, null, "Nairobi");
    }

    static final double[] COUNTRY_CUMULATIVE = Draws.cumulative(COUNTRIES.stream().mapToDouble(Country::weight).toArray());

    private Geography() {
    }

    private static void country(String name, String iso, Region region, Language language, double weight,
                                String localName, String... cities) {
        List<String> writings = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (int c = 0; c < cities.length; c++) {
            String city = cities[c];
            double cityWeight = 1.0 / (c + 1);
            add(writings, weights, city + "/" + name, 0.30 * cityWeight);
            add(writings, weights, "//" + city + "/" + name, 0.15 * cityWeight);
            add(writings, weights, "/" + city + "/" + city + "/" + name, 0.10 * cityWeight);
            add(writings, weights, city + ", " + name, 0.08 * cityWeight);
            add(writings, weights, city + " / " + name, 0.06 * cityWeight);
            add(writings, weights, (city + "/" + name).toUpperCase(Locale.ROOT), 0.03 * cityWeight);
            if (localName != null) {
                add(writings, weights, city + "/" + localName, 0.07 * cityWeight);
            }
        }
        add(writings, weights, name, 0.20);
        add(writings, weights, name.toLowerCase(Locale.ROOT), 0.03);
        if (localName != null) {
            add(writings, weights, localName, 0.05);
        }
        COUNTRIES.add(new Country(COUNTRIES.size(), name, iso, region, language, weight, localName, cities,
                writings.toArray(String[]::new), Draws.cumulative(weights.stream().mapToDouble(Double::doubleValue).toArray())));
    }

    private static void add(List<String> writings, List<Double> weights, String writing, double weight) {
        int existing = writings.indexOf(writing);
        if (existing >= 0) {
            weights.set(existing, weights.get(existing) + weight);
        } else {
            writings.add(writing);
            weights.add(weight);
        }
    }
}
