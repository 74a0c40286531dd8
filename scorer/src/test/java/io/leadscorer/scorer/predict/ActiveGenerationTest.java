package io.leadscorer.scorer.predict;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadscorer.avro.ShadowRole;
import io.leadscorer.model.bundle.Bundle;
import io.leadscorer.model.testing.TinyBundles;
import io.leadscorer.scorer.testing.Generations;
import io.leadscorer.scorer.testing.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Live and shadow generations swapped and leased together, and closed only once no batch holds them. */
class ActiveGenerationTest {

    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

    @TempDir
    static Path store;

    private static Bundle first;
    private static Bundle second;

    private final List<Long> closed = new ArrayList<>();
    private final SettableClock clock = new SettableClock(NOW);
    private final ActiveGeneration active = new ActiveGeneration(clock);

    @BeforeAll
    static void bundles() {
        first = TinyBundles.create(store, 1);
        second = TinyBundles.create(store, 2);
    }

    private Shadow shadow(Generation generation, ShadowRole role) {
        return new Shadow(generation, role, NOW.plus(Duration.ofHours(1)));
    }

    @Test
    void aBatchLeasesTheLiveAndTheShadowGenerationInOneStep() {
        Generation live = Generations.of(first, 1, closed);
        Generation candidate = Generations.of(second, 2, closed);
        active.serve(live, shadow(candidate, ShadowRole.CANDIDATE));

        try (ActiveGeneration.Lease lease = active.lease()) {
            assertThat(lease.generation()).isSameAs(live);
            assertThat(lease.shadow()).containsSame(candidate);
        }
        active.close();
        assertThat(closed).containsExactlyInAnyOrder(1L, 2L);
    }

    @Test
    void swappingRolesRetiresNothingAndADroppedShadowClosesAfterTheBatchThatHoldsIt() {
        Generation live = Generations.of(first, 1, closed);
        Generation candidate = Generations.of(second, 2, closed);
        active.serve(live, shadow(candidate, ShadowRole.CANDIDATE));
        ActiveGeneration.Lease running = active.lease();

        active.serve(candidate, shadow(live, ShadowRole.PREVIOUS));
        try (ActiveGeneration.Lease promoted = active.lease()) {
            assertThat(promoted.generation()).isSameAs(candidate);
            assertThat(promoted.shadow()).containsSame(live);
        }
        assertThat(closed).as("a promotion keeps both generations").isEmpty();

        active.switchTo(candidate);
        assertThat(live.isClosed()).as("the batch leased before the promotion still scores with it").isFalse();
        running.releaseShadow();
        assertThat(closed).as("the candidate is live").isEmpty();
        running.releaseLive();
        assertThat(closed).containsExactly(1L);
        active.close();
        assertThat(closed).containsExactly(1L, 2L);
    }

    @Test
    void aShadowWhoseTimeIsUpIsNoLongerLeased() {
        Generation live = Generations.of(first, 1, closed);
        active.serve(live, shadow(Generations.of(second, 2, closed), ShadowRole.CANDIDATE));

        clock.advance(Duration.ofHours(1));
        try (ActiveGeneration.Lease lease = active.lease()) {
            assertThat(lease.generation()).isSameAs(live);
            assertThat(lease.shadow()).isEmpty();
        }
        active.close();
    }
}
