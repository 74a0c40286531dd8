package io.leadscorer.scorer.batch;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops taking input while the buffers cannot be scored, and takes it again by itself. A task that cannot score
 * for a reason that is not the leads' fault (registry or model unavailable) keeps its leads and retries with
 * backoff on its own thread; that wait stays under the poll and transaction timeouts because it is never a sleep,
 * only a later punctuation. What it cannot do alone is stop new records from piling into its buffer: after
 * {@code pauseAfter} failures in a row this gate pauses the streams ({@code KafkaStreams#pause}, which also stops
 * punctuation), then resumes them after a hold (doubling from {@code firstHold} up to {@code maxHold}) so that the
 * tasks try again: a circuit breaker, half-open on resume. Once no task holds, input flows as before. A pause is
 * not a rebalance: the tasks stay assigned and nothing is committed or lost.
 */
public final class InputGate implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InputGate.class);

    /** The streams' pause switch: {@code KafkaStreams::pause} and {@code ::resume}. */
    public interface Input {
        void pause();

        void resume();
    }

    private final BufferControl control;
    private final Input input;
    private final int pauseAfter;
    private final Duration firstHold;
    private final Duration maxHold;
    private final ScheduledExecutorService timer;
    private boolean paused;
    private long pausedUntilNanos;
    private long failuresAtResume = -1;
    private Duration hold;

    public InputGate(BufferControl control, Input input, int pauseAfter, Duration firstHold, Duration maxHold) {
        this.control = control;
        this.input = input;
        this.pauseAfter = pauseAfter;
        this.firstHold = firstHold;
        this.maxHold = maxHold;
        this.hold = firstHold;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "lead-scorer-input-gate");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The gate with the service's settings: pause after 3 failures in a row, hold 1 s doubling up to 5 s. */
    public static InputGate standard(BufferControl control, Input input) {
        return new InputGate(control, input, 3, Duration.ofSeconds(1), Duration.ofSeconds(5));
    }

    /** The standard gate over a Kafka Streams client: pausing and resuming all of its tasks. */
    public static InputGate standard(BufferControl control, KafkaStreams streams) {
        return standard(control, new Input() {
            @Override
            public void pause() {
                streams.pause();
            }

            @Override
            public void resume() {
                streams.resume();
            }
        });
    }

    public void start() {
        timer.scheduleWithFixedDelay(() -> {
            try {
                check(System.nanoTime());
            } catch (RuntimeException e) {
                LOG.warn("Input gate check failed", e);
            }
        }, 100, 100, TimeUnit.MILLISECONDS);
    }

    /** One look at the holds; called every 100 ms, and by tests with their own clock. */
    synchronized void check(long nowNanos) {
        boolean holding = !control.holds().isEmpty();
        if (paused) {
            if (!holding) {
                open("no task holds leads any more");
            } else if (nowNanos >= pausedUntilNanos) {
                failuresAtResume = control.failedAttempts();
                open("trying again after a hold of " + hold.toMillis() + " ms");
                hold = hold.multipliedBy(2).compareTo(maxHold) > 0 ? maxHold : hold.multipliedBy(2);
            }
            return;
        }
        if (!holding) {
            hold = firstHold;
            failuresAtResume = -1;
            return;
        }
        boolean failedAgainSinceResume = failuresAtResume < 0 || control.failedAttempts() > failuresAtResume;
        if (control.mostFailuresInARow() >= pauseAfter && failedAgainSinceResume) {
            input.pause();
            paused = true;
            control.inputPaused(true);
            pausedUntilNanos = nowNanos + hold.toNanos();
            LOG.warn("Input paused for {} ms: {}", hold.toMillis(), control.holds());
        }
    }

    private void open(String why) {
        input.resume();
        paused = false;
        control.inputPaused(false);
        LOG.info("Input resumed: {}", why);
    }

    /** Stops watching; input paused by the gate is resumed, so that a graceful shutdown can drain the buffers. */
    @Override
    public synchronized void close() {
        timer.shutdownNow();
        if (paused) {
            open("shutting down");
        }
    }
}
