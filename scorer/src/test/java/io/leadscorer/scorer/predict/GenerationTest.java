package io.leadscorer.scorer.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadscorer.model.bundle.Bundle;
import io.leadscorer.model.testing.TinyBundles;
import io.leadscorer.scorer.testing.Generations;
import io.leadscorer.scorer.testing.Leads;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerationTest {

    @TempDir
    Path store;

    private final List<Long> closed = new ArrayList<>();

    private Generation generation(Bundle bundle, long number) {
        return Generations.of(bundle, number, closed);
    }

    @Test
    void noModelMeansTheBatchCannotBeScoredAndIsNotTheLeadsFault() {
        ActiveGeneration active = new ActiveGeneration();
        assertThatThrownBy(() -> new PredictorLeadScorer(active).score(Leads.leads("x", 1, Instant.EPOCH)))
                .isInstanceOf(ModelUnavailableException.class).hasMessageContaining("no model is active");
    }

    @Test
    void aRetiredGenerationClosesWhenItsLastBatchReturnsItsLease() {
        Bundle first = TinyBundles.create(store, 1);
        Bundle second = TinyBundles.create(store, 2);
        ActiveGeneration active = new ActiveGeneration();
        Generation one = generation(first, 1);
        active.switchTo(one);
        ActiveGeneration.Lease running = active.lease();
        running.generation().newPredictor();

        active.switchTo(generation(second, 2));
        assertThat(one.isClosed()).as("a batch still holds generation 1").isFalse();
        try (ActiveGeneration.Lease next = active.lease()) {
            assertThat(next.generation().number()).as("new batches get the new generation").isEqualTo(2);
        }
        running.close();
        running.close();
        assertThat(one.isClosed()).isTrue();
        assertThat(closed).containsExactly(1L);

        active.close();
        assertThat(closed).containsExactly(1L, 2L);
    }

    @Test
    void eachThreadScoresWithItsOwnPredictorOnTheSharedNetworkAndFollowsSwaps() throws Exception {
        Bundle first = TinyBundles.create(store, 1);
        Bundle second = TinyBundles.create(store, 2);
        ActiveGeneration active = new ActiveGeneration();
        active.switchTo(generation(first, 1));
        PredictorLeadScorer main = new PredictorLeadScorer(active);
        PredictorLeadScorer other = new PredictorLeadScorer(active);
        var leads = Leads.leads("t", 3, Instant.EPOCH);
        float[] here = main.score(leads).probabilities();
        float[][] there = new float[1][];
        Thread thread = new Thread(() -> there[0] = other.score(leads).probabilities());
        thread.start();
        thread.join();
        assertThat(there[0]).containsExactly(here);

        active.switchTo(generation(second, 2));
        assertThat(main.score(leads).modelId()).isEqualTo(second.modelId());
        assertThat(closed).containsExactly(1L);
        active.close();
    }
}
