package io.leadscorer.simulator.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.leadscorer.avro.MqlEvent;
import io.leadscorer.simulator.oracle.OracleF1;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MqlWorldTest {

    private static final int SAMPLE = 50_000;
    private static List<SimulatedLead> sample;

    @BeforeAll
    static void drawSample() {
        MqlWorld world = MqlWorld.create(11);
        sample = new ArrayList<>(SAMPLE);
        for (int i = 0; i < SAMPLE; i++) {
            sample.add(world.next());
        }
    }

    @Test
    void sameSeedGivesTheSameLeads() {
        MqlWorld first = MqlWorld.create(5);
        MqlWorld second = MqlWorld.create(5);
        for (int i = 0; i < 2000; i++) {
            SimulatedLead a = first.next();
            SimulatedLead b = second.next();
            assertThat(a.csvRow()).isEqualTo(b.csvRow());
            assertThat(a.probability()).isEqualTo(b.probability());
            assertThat(a.event()).isEqualTo(b.event());
        }
    }

    @Test
    void differentSeedsGiveDifferentLeadsFromTheSameWorld() {
        MqlWorld first = MqlWorld.create(5);
        MqlWorld second = MqlWorld.create(6);
        int same = 0;
        for (int i = 0; i < 2000; i++) {
            same += first.next().csvRow().equals(second.next().csvRow()) ? 1 : 0;
        }
        assertThat(same).isLessThan(5);
        assertThat(first.intercept()).isEqualTo(second.intercept());
    }

    @Test
    void aLeadDependsOnlyOnSeedAndIndex() {
        MqlWorld world = MqlWorld.create(9);
        List<Map<String, String>> sequential = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            sequential.add(world.next().csvRow());
        }
        MqlWorld fresh = MqlWorld.create(9);
        assertThat(fresh.lead(73).csvRow()).isEqualTo(sequential.get(73));
        assertThat(fresh.lead(73).leadId()).isEqualTo("lead-9-73");
        assertThat(fresh.next().csvRow()).isEqualTo(sequential.get(0));
    }

    @Test
    void anotherWorldSeedIsAnotherWorld() {
        MqlWorld usual = MqlWorld.create(1);
        MqlWorld other = MqlWorld.create(1, WorldConfig.defaults().withWorldSeed(77));
        assertThat(other.intercept()).isNotEqualTo(usual.intercept());
        assertThat(other.lead(0).csvRow()).isNotEqualTo(usual.lead(0).csvRow());
    }

    @Test
    void positiveRateIsCloseToTheTarget() {
        assertThat(rate(sample, lead -> true)).isCloseTo(0.09, within(0.006));
        assertThat(sample.stream().mapToDouble(SimulatedLead::probability).average().orElseThrow()).isCloseTo(0.09, within(0.006));

        MqlWorld balanced = MqlWorld.create(3, WorldConfig.defaults().withPositiveRate(0.25));
        long converted = 0;
        for (int i = 0; i < 20_000; i++) {
            converted += balanced.next().converted() ? 1 : 0;
        }
        assertThat(converted / 20_000.0).isCloseTo(0.25, within(0.015));
    }

    @Test
    void anEmptyJobIsEvidenceOfALowerConversionRate() {
        double missing = rate(sample, lead -> lead.value(Column.CUSTOMER_JOB) == null);
        double present = rate(sample, lead -> lead.value(Column.CUSTOMER_JOB) != null);
        double missingShare = sample.stream().filter(lead -> lead.value(Column.CUSTOMER_JOB) == null).count() / (double) SAMPLE;

        assertThat(missingShare).isBetween(0.2, 0.5);
        assertThat(missing).isLessThan(0.5 * present);
    }

    @Test
    void missingnessDependsOnTheSource() {
        double fromPartners = missingShare(Column.BUSINESS_AREA, "partner-portal");
        double fromTradeShows = missingShare(Column.BUSINESS_AREA, "trade-show");
        assertThat(fromTradeShows).isGreaterThan(fromPartners + 0.15);
    }

    @Test
    void companyLeadCountsAreHeavyTailed() {
        Map<Object, Long> perCompany = sample.stream().map(lead -> lead.value(Column.CUSTOMER_IDX))
                .filter(Objects::nonNull).collect(Collectors.groupingBy(id -> id, Collectors.counting()));
        long[] counts = perCompany.values().stream().mapToLong(Long::longValue).sorted().toArray();
        int top = counts.length / 100;
        long topLeads = Arrays.stream(counts, counts.length - top, counts.length).sum();
        long singletons = Arrays.stream(counts).filter(count -> count == 1).count();

        assertThat(counts.length).isGreaterThan(5_000);
        assertThat(topLeads / (double) Arrays.stream(counts).sum()).isGreaterThan(0.25);
        assertThat(singletons).isGreaterThan(counts.length / 3);
    }

    @Test
    void hundredsOfOwnersShareTheLeads() {
        Set<Object> owners = sample.stream().map(lead -> lead.value(Column.LEAD_OWNER)).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        assertThat(owners.size()).isBetween(300, 700);
    }

    @Test
    void categoriesAreSpelledInManyWaysAndLanguages() {
        Set<Object> inquiries = values(Column.INQUIRY_TYPE);
        Set<Object> jobs = values(Column.CUSTOMER_JOB);
        Set<Object> countries = values(Column.CUSTOMER_COUNTRY);

        assertThat(inquiries).contains("Quotation or purchase consultation", "quotation_or_purchase_consultation",
                "Solicitud de cotización");
        assertThat(jobs).contains("Gerente de Compras", "ingeniero", "engenharia", "purchasing");
        assertThat(countries).contains("Mumbai/India", "//Bogota/Colombia");
        assertThat(sample.stream().flatMap(lead -> Arrays.stream(Column.values()).map(lead::value))
                .filter(value -> value instanceof String text && text.matches(".*\\p{IsHangul}.*")).count())
                .isGreaterThan(50);
    }

    @Test
    void numericColumnsHaveRealisticValues() {
        assertThat(values(Column.BANT_SUBMIT)).containsExactlyInAnyOrder(0.0, 0.25, 0.5, 0.75, 1.0, null);
        assertThat(values(Column.ID_STRATEGIC_VER)).containsExactlyInAnyOrder(1.0, null);
        assertThat(values(Column.IDIT_STRATEGIC_VER)).containsExactlyInAnyOrder(1.0, null);
        assertThat(values(Column.VER_CUS)).containsExactlyInAnyOrder(0L, 1L);
        assertThat(values(Column.VER_PRO)).containsExactlyInAnyOrder(0L, 1L);
        for (Column rate : List.of(Column.COM_REG_VER_WIN_RATE, Column.VER_WIN_RATE_X, Column.VER_WIN_RATIO_PER_BU)) {
            assertThat(values(rate)).contains((Object) null);
            assertThat(values(rate).stream().filter(Objects::nonNull).mapToDouble(v -> (Double) v)).allMatch(v -> v >= 0 && v <= 1);
        }
        assertThat(missingShare(Column.COM_REG_VER_WIN_RATE, null)).isBetween(0.5, 0.9);
        long[] lengths = sample.stream().map(lead -> (Long) lead.value(Column.LEAD_DESC_LENGTH)).filter(Objects::nonNull)
                .mapToLong(Long::longValue).sorted().toArray();
        assertThat(lengths[0]).isGreaterThanOrEqualTo(1);
        assertThat(lengths[lengths.length - 1]).isGreaterThan(20 * lengths[lengths.length / 2]);
    }

    @Test
    void theOracleF1LeavesRoomBetweenTrivialAndPerfect() {
        double[] probabilities = sample.stream().mapToDouble(SimulatedLead::probability).toArray();
        boolean[] labels = new boolean[SAMPLE];
        for (int i = 0; i < SAMPLE; i++) {
            labels[i] = sample.get(i).converted();
        }
        assertThat(OracleF1.of(probabilities, labels).f1()).isBetween(0.75, 0.85);
    }

    /** Rates per value learnt on one half, F1 on the other: no single column comes near the oracle. */
    @Test
    void noSingleColumnCarriesTheSignal() {
        List<SimulatedLead> train = sample.subList(0, SAMPLE / 2);
        List<SimulatedLead> test = sample.subList(SAMPLE / 2, SAMPLE);
        double prior = rate(train, lead -> true);
        boolean[] labels = new boolean[test.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = test.get(i).converted();
        }
        for (Column column : Column.values()) {
            Map<Object, double[]> byValue = new HashMap<>();
            for (SimulatedLead lead : train) {
                double[] counts = byValue.computeIfAbsent(String.valueOf(lead.value(column)), v -> new double[2]);
                counts[0] += lead.converted() ? 1 : 0;
                counts[1]++;
            }
            double[] scores = test.stream().mapToDouble(lead -> {
                double[] counts = byValue.get(String.valueOf(lead.value(column)));
                return counts == null ? prior : (counts[0] + 5 * prior) / (counts[1] + 5);
            }).toArray();
            assertThat(OracleF1.of(scores, labels).f1()).as(column.csvName()).isLessThan(0.5);
        }
    }

    @Test
    void eventAndCsvRowCarryTheSameValues() {
        SimulatedLead lead = sample.get(123);
        MqlEvent event = lead.event();
        Map<String, String> row = lead.csvRow();

        assertThat(event.getLeadId()).isEqualTo(lead.leadId());
        assertThat(event.getSource()).isEqualTo(lead.source());
        assertThat(event.getEventTime()).isEqualTo(lead.eventTime());
        for (Column column : Column.values()) {
            assertThat(event.get(column.avroName())).isEqualTo(lead.value(column));
            assertThat(row.get(column.csvName())).isEqualTo(Column.cell(lead.value(column)));
        }
        assertThat(row.get("is_converted")).isEqualTo(lead.converted() ? "True" : "False");
        assertThat(row).hasSize(29);
    }

    private static double rate(List<SimulatedLead> leads, Predicate<SimulatedLead> filter) {
        return leads.stream().filter(filter).mapToDouble(lead -> lead.converted() ? 1 : 0).average().orElseThrow();
    }

    private static double missingShare(Column column, String source) {
        return sample.stream().filter(lead -> source == null || lead.source().equals(source))
                .mapToDouble(lead -> lead.value(column) == null ? 1 : 0).average().orElseThrow();
    }

    private static Set<Object> values(Column column) {
        return sample.stream().map(lead -> lead.value(column)).collect(HashSet::new, Set::add, Set::addAll);
    }
}
