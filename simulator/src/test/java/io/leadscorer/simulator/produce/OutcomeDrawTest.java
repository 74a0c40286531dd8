package io.leadscorer.simulator.produce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadscorer.simulator.world.MqlWorld;
import io.leadscorer.simulator.world.SimulatedLead;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class OutcomeDrawTest {

    private static final List<SimulatedLead> LEADS = leads(MqlWorld.create(5), 2000);

    @Test
    void theSameSeedGivesTheSameOutcomesInAnyOrderOnAnyThread() {
        OutcomeDraw draw = draw(11, 1.0, false);
        List<Optional<Outcome>> inOrder = LEADS.stream().map(draw::draw).toList();

        Map<Long, Optional<Outcome>> inParallel = LEADS.parallelStream().collect(Collectors.toConcurrentMap(
                SimulatedLead::index, draw(11, 1.0, false)::draw));

        for (SimulatedLead lead : LEADS) {
            assertThat(inParallel.get(lead.index())).isEqualTo(inOrder.get((int) lead.index()));
        }
        assertThat(LEADS.stream().map(draw(12, 1.0, false)::draw).toList()).isNotEqualTo(inOrder);
    }

    @Test
    void aLeadConvertsAsTheWorldDrewItFromItsTrueProbability() {
        OutcomeDraw draw = draw(11, 1.0, false);
        for (SimulatedLead lead : LEADS) {
            Outcome outcome = draw.draw(lead).orElseThrow();
            assertThat(outcome.leadId()).isEqualTo(lead.leadId());
            assertThat(outcome.converted()).isEqualTo(lead.converted());
        }
    }

    @Test
    void delaysAreTheMinimumPlusAnExponentialOfTheMean() {
        List<Duration> delays = LEADS.stream().map(draw(11, 1.0, false)::draw)
                .map(outcome -> outcome.orElseThrow().delay()).toList();

        assertThat(delays).allMatch(delay -> delay.compareTo(Duration.ofSeconds(1)) >= 0);
        double meanAboveMinimum = delays.stream().mapToLong(Duration::toMillis).average().orElseThrow() - 1000;
        assertThat(meanAboveMinimum).isBetween(1800.0, 2200.0);
        long aboveTwiceTheMean = delays.stream().filter(delay -> delay.toMillis() - 1000 > 4000).count();
        assertThat(aboveTwiceTheMean / (double) delays.size()).isBetween(0.10, 0.17);
    }

    @Test
    void aShareReportsThatPartOfTheLeadsAndALargerShareASuperset() {
        Map<String, Outcome> third = reported(draw(11, 0.3, false));
        Map<String, Outcome> twoThirds = reported(draw(11, 0.6, false));

        assertThat(third.size() / (double) LEADS.size()).isBetween(0.26, 0.34);
        assertThat(twoThirds.size() / (double) LEADS.size()).isBetween(0.56, 0.64);
        third.forEach((leadId, outcome) -> assertThat(twoThirds.get(leadId)).isEqualTo(outcome));
        assertThat(reported(draw(11, 0, false))).isEmpty();
        assertThat(reported(draw(11, 1, false))).hasSize(LEADS.size());
    }

    @Test
    void winsOnlyReportsTheConvertedLeadsAlone() {
        Map<String, Outcome> wins = reported(draw(11, 1.0, true));

        List<String> converted = LEADS.stream().filter(SimulatedLead::converted).map(SimulatedLead::leadId).toList();
        assertThat(converted).isNotEmpty();
        assertThat(wins.keySet()).containsExactlyInAnyOrderElementsOf(converted);
        assertThat(wins.values()).allMatch(Outcome::converted);
    }

    @Test
    void refusesNegativeDelaysAndSharesOutsideZeroToOne() {
        assertThatThrownBy(() -> new OutcomeDraw(1, Duration.ofSeconds(-1), Duration.ZERO, 1, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mean");
        assertThatThrownBy(() -> new OutcomeDraw(1, Duration.ofSeconds(1), Duration.ofDays(400), 1, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minimum");
        assertThatThrownBy(() -> new OutcomeDraw(1, Duration.ofSeconds(1), Duration.ZERO, 1.5, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("share");
        assertThatThrownBy(() -> new OutcomeDraw(1, Duration.ofSeconds(1), Duration.ZERO, Double.NaN, false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static OutcomeDraw draw(long seed, double share, boolean winsOnly) {
        return new OutcomeDraw(seed, Duration.ofSeconds(2), Duration.ofSeconds(1), share, winsOnly);
    }

    private static Map<String, Outcome> reported(OutcomeDraw draw) {
        return LEADS.stream().map(draw::draw).flatMap(Optional::stream)
                .collect(Collectors.toMap(Outcome::leadId, Function.identity()));
    }

    static List<SimulatedLead> leads(MqlWorld world, int count) {
        return LongStream.range(0, count).mapToObj(world::lead).toList();
    }
}
