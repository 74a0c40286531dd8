package io.leadscorer.monitor.label;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadscorer.monitor.quality.Observation;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabelRulesTest {

    private static final long HORIZON = Duration.ofDays(90).toMillis();
    private static final long GRACE = Duration.ofDays(1).toMillis();
    private final LabelRules rules = new LabelRules(Duration.ofMillis(HORIZON), Duration.ofMillis(GRACE), false);
    private final LabelRules winsOnly = new LabelRules(Duration.ofMillis(HORIZON), Duration.ofMillis(GRACE), true);
    private static final ModelScore A = new ModelScore("a", 0.7, 0.5);
    private static final ModelScore B = new ModelScore("b", 0.2, 0.5);

    @Test
    void aNegativeOverturnedByAPositiveIsTakenBackFromItsOwnTime() {
        LeadState scored = rules.onScore(rules.onScore(LeadState.EMPTY, A, 1000).state(), B, 1000).state();
        LabelRules.Step negative = rules.onOutcome(scored, false, 2000);
        assertThat(negative.observations()).extracting(Observation::converted, Observation::weight)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(false, 1), org.assertj.core.groups.Tuple.tuple(false, 1));

        LabelRules.Step positive = rules.onOutcome(negative.state(), true, 5000);
        List<Observation> observations = positive.observations();
        assertThat(observations).hasSize(4);
        assertThat(observations.subList(0, 2)).allSatisfy(o -> {
            assertThat(o.weight()).isEqualTo(-1);
            assertThat(o.time()).isEqualTo(2000);
            assertThat(o.converted()).isFalse();
        });
        assertThat(observations.subList(2, 4)).allSatisfy(o -> {
            assertThat(o.weight()).isEqualTo(1);
            assertThat(o.time()).isEqualTo(5000);
            assertThat(o.converted()).isTrue();
        });
        assertThat(positive.state().label()).isEqualTo(Label.POSITIVE);
    }

    @Test
    void aHeldOutcomeOutsideTheHorizonOfTheScoreThatComesIsDropped() {
        LabelRules.Step held = rules.onOutcome(LeadState.EMPTY, true, 1000 + HORIZON);
        assertThat(held.result()).isEqualTo(LabelRules.Result.HELD);
        LabelRules.Step scored = rules.onScore(held.state(), A, 1000);
        assertThat(scored.observations()).isEmpty();
        assertThat(scored.state().label()).isEqualTo(Label.NONE);
    }

    @Test
    void expiryCountsFromTheEventTimeOrTheHeldOutcome() {
        LeadState scored = rules.onScore(LeadState.EMPTY, A, 1000).state();
        assertThat(rules.expiry(scored)).isEqualTo(1000 + HORIZON + GRACE);
        LeadState held = rules.onOutcome(LeadState.EMPTY, false, 3000).state();
        assertThat(rules.expiry(held)).isEqualTo(3000 + HORIZON + GRACE);
        assertThat(rules.expiry(new LeadState(Long.MAX_VALUE - 5, List.of(A), Label.NONE, 0))).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void implicitNegativesOnlyForScoredLeadsWithoutOutcome() {
        LeadState scored = winsOnly.onScore(LeadState.EMPTY, A, 1000).state();
        assertThat(winsOnly.onExpiry(scored)).singleElement().satisfies(o -> {
            assertThat(o.converted()).isFalse();
            assertThat(o.time()).isEqualTo(1000 + HORIZON);
        });
        assertThat(rules.onExpiry(scored)).isEmpty();
        LeadState positive = winsOnly.onOutcome(scored, true, 2000).state();
        assertThat(winsOnly.onExpiry(positive)).isEmpty();
        assertThat(winsOnly.onExpiry(winsOnly.onOutcome(LeadState.EMPTY, true, 5).state())).isEmpty();
    }

    @Test
    void theStoredFormReadsBack() {
        LeadState state = rules.onOutcome(rules.onScore(rules.onScore(LeadState.EMPTY, A, 1000).state(), B, 1200)
                .state(), false, 3000).state();
        LeadStateSerde serde = new LeadStateSerde();
        byte[] bytes = serde.serialize("t", state);
        assertThat(serde.deserialize("t", bytes)).isEqualTo(state);
        assertThat(bytes.length).isLessThan(20 + 2 * 40);
    }
}
