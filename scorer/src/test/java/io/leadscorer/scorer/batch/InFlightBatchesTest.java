package io.leadscorer.scorer.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InFlightBatchesTest {

    private final Set<String> finished = new HashSet<>();
    private final InFlightBatches<String> batches = new InFlightBatches<>(2, finished::contains);

    @Test
    void batchesAreCollectedInTheOrderTheyWereSubmitted() {
        batches.add("first");
        batches.add("second");

        assertThat(batches.poll()).isEqualTo("first");
        assertThat(batches.poll()).isEqualTo("second");
        assertThat(batches.poll()).isNull();
        assertThat(batches.isEmpty()).isTrue();
    }

    @Test
    void onlyTheOldestBatchCountsAsDone() {
        batches.add("first");
        batches.add("second");
        finished.add("second");
        assertThat(batches.headDone()).as("a later batch finishing first is not collected before the oldest").isFalse();

        finished.add("first");
        assertThat(batches.headDone()).isTrue();
    }

    @Test
    void anEmptyQueueHasNothingDone() {
        assertThat(batches.headDone()).isFalse();
    }

    @Test
    void itHoldsAtMostItsCapacity() {
        batches.add("first");
        assertThat(batches.isFull()).isFalse();
        batches.add("second");
        assertThat(batches.isFull()).isTrue();
        assertThatThrownBy(() -> batches.add("third")).isInstanceOf(IllegalStateException.class);

        batches.poll();
        assertThat(batches.isFull()).isFalse();
    }

    @Test
    void clearingDropsEveryBatch() {
        batches.add("first");
        batches.add("second");
        batches.clear();
        assertThat(batches.isEmpty()).isTrue();
        assertThat(batches.poll()).isNull();
    }

    @Test
    void aQueueWithoutRoomIsRefused() {
        assertThatThrownBy(() -> new InFlightBatches<String>(0, b -> true)).isInstanceOf(IllegalArgumentException.class);
    }
}
