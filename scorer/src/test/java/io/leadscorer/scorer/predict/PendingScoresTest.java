package io.leadscorer.scorer.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PendingScoresTest {

    @Test
    void aBatchAModelFailedOnNamesThatModelAndThrowsItsFailure() {
        PendingScores pending = new PendingScores();
        assertThat(pending.failedModel()).as("while it runs").isEmpty();

        pending.fail("m-2", new IllegalArgumentException("cannot score lead-7"));

        assertThat(pending.isDone()).isTrue();
        assertThat(pending.failedModel()).contains("m-2");
        assertThatThrownBy(pending::await).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot score lead-7");
    }

    @Test
    void aBatchThatFailedBeforeAnyModelScoredItOrThatScoredNamesNone() {
        PendingScores unstarted = PendingScores.failed(new ModelUnavailableException("no model is active"));
        assertThat(unstarted.failedModel()).isEmpty();
        assertThatThrownBy(unstarted::await).isInstanceOf(ModelUnavailableException.class);

        PendingScores scored = PendingScores.of(new ScoredBatch("m-1", 0.5, new float[] {0.25f}), 1);
        assertThat(scored.failedModel()).isEmpty();
        assertThat(scored.await().modelId()).isEqualTo("m-1");
    }
}
