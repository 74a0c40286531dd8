package io.leadscorer.simulator.world;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class TermTest {

    private static final Term<Void> QUOTE = Term.<Void>of(null, 1, "Quotation or purchase consultation", "Request a quote")
            .in(Language.ES, "Solicitud de cotización");

    @Test
    void crmSyncWritesSnakeCaseMostOfTheTime() {
        Draws draws = new Draws(1);
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 2000; i++) {
            counts.merge(QUOTE.spell(draws, Language.EN, true), 1, Integer::sum);
        }
        int snake = counts.getOrDefault("quotation_or_purchase_consultation", 0) + counts.getOrDefault("request_a_quote", 0);
        assertThat(snake).isBetween(1600, 1800);
        assertThat(counts).containsKey("Quotation or purchase consultation");
    }

    @Test
    void spanishLeadsWriteTheSpanishSpellingAboutHalfTheTime() {
        Draws draws = new Draws(2);
        long spanish = Stream.generate(() -> QUOTE.spell(draws, Language.ES, false)).limit(2000)
                .filter("Solicitud de cotización"::equals).count();
        assertThat(spanish).isBetween(1000L, 1200L);
    }

    @Test
    void spellingsCoverCasingAndSnakeCaseVariants() {
        assertThat(QUOTE.spellings()).contains("Quotation or purchase consultation", "quotation or purchase consultation",
                "QUOTATION OR PURCHASE CONSULTATION", "Quotation Or Purchase Consultation",
                "quotation_or_purchase_consultation", "request_a_quote", "Solicitud de cotización");
    }

    /** A spelling must name one term only, or the recorded row would not determine the conversion probability. */
    @Test
    void noSpellingBelongsToTwoTermsOfOneColumn() {
        List<List<? extends Term<?>>> vocabularies = List.of(Contacts.JOBS, Contacts.POSITIONS, Contacts.CUSTOMER_TYPES,
                Inquiries.INQUIRIES, Inquiries.TIMELINES,
                Products.CATEGORIES.stream().map(Products.Category::term).toList(),
                Products.AREAS.stream().map(Products.Area::term).toList());
        for (List<? extends Term<?>> vocabulary : vocabularies) {
            Set<String> seen = new HashSet<>();
            for (Term<?> term : vocabulary) {
                for (String spelling : term.spellings()) {
                    assertThat(seen.add(spelling)).as("'%s' of %s is also another term's spelling", spelling, term).isTrue();
                }
            }
        }
    }

    @Test
    void countryWritingsNameOnlyTheirCountry() {
        Set<String> seen = new HashSet<>();
        for (Geography.Country country : Geography.COUNTRIES) {
            for (String writing : country.writings()) {
                assertThat(seen.add(writing)).as(writing).isTrue();
            }
        }
        assertThat(seen).contains("Mumbai/India", "//Bogota/Colombia", "São Paulo/Brasil");
    }
}
