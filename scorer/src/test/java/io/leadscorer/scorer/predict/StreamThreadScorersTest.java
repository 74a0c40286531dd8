package io.leadscorer.scorer.predict;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class StreamThreadScorersTest {

    /** A scorer that only remembers whether it was closed. */
    private static final class Recorded implements LeadScorer {
        volatile boolean closed;

        @Override
        public ScoredBatch score(List<io.leadscorer.avro.MqlEvent> leads) {
            return new ScoredBatch("m", 0.5, new float[leads.size()]);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void givesEachThreadItsOwnScorerAndClosesThemAll() throws InterruptedException {
        List<Recorded> opened = new CopyOnWriteArrayList<>();
        StreamThreadScorers scorers = new StreamThreadScorers(() -> {
            Recorded scorer = new Recorded();
            opened.add(scorer);
            return scorer;
        });
        LeadScorer mine = scorers.current();
        AtomicReference<LeadScorer> other = new AtomicReference<>();
        Thread thread = new Thread(() -> other.set(scorers.current()));
        thread.start();
        thread.join();

        assertThat(scorers.current()).isSameAs(mine);
        assertThat(other.get()).isNotSameAs(mine);
        assertThat(opened).hasSize(2);

        scorers.close();
        assertThat(opened).allSatisfy(scorer -> assertThat(scorer.closed).isTrue());
    }

    @Test
    void closesTheScorerOfADeadThreadWhenTheNextOneIsOpened() throws InterruptedException {
        List<Recorded> opened = new CopyOnWriteArrayList<>();
        StreamThreadScorers scorers = new StreamThreadScorers(() -> {
            Recorded scorer = new Recorded();
            opened.add(scorer);
            return scorer;
        });
        Thread dead = new Thread(scorers::current);
        dead.start();
        dead.join();
        assertThat(opened.get(0).closed).isFalse();

        scorers.current();

        assertThat(opened).hasSize(2);
        assertThat(opened.get(0).closed).isTrue();
        assertThat(opened.get(1).closed).isFalse();
        scorers.close();
    }
}
