package io.leadscorer.simulator.produce;

import io.leadscorer.avro.LeadOutcome;
import io.leadscorer.simulator.world.SimulatedLead;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Reports what became of the leads a simulator sends, as {@code LeadOutcome} records (key: lead id) on a topic of
 * their own, each when its time comes, the way a CRM reports deals some time after the leads arrived. Leads are
 * {@link #schedule scheduled} as they are sent; an {@link OutcomeDraw} decides each one's outcome and delay, and a
 * thread of this producer's own sends the outcomes in the order they fall due, {@code delay} after they were
 * scheduled, stamped {@code outcome_time = sentAt + delay}. Any sender of leads can use it in-process: the
 * {@code produce} command through {@link EventProducer.Acknowledged}, or a demo that sends leads itself.
 *
 * <p>The Kafka producer stays the caller's: {@link #close(Duration)} flushes it but does not close it.
 */
public final class OutcomeProducer implements AutoCloseable {

    /** How long {@link #close()} waits for scheduled outcomes to fall due. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(60);

    /** An outcome waiting for its time: due in nanoseconds of the clock since this producer started. */
    private record Pending(long due, long sequence, boolean converted, ProducerRecord<String, LeadOutcome> record) {
    }

    private final Producer<String, LeadOutcome> producer;
    private final String topic;
    private final OutcomeDraw draw;
    private final LongSupplier nanoClock;
    private final long origin;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final PriorityQueue<Pending> pending =
            new PriorityQueue<>(Comparator.comparingLong(Pending::due).thenComparingLong(Pending::sequence));
    private final AtomicLong converted = new AtomicLong();
    private final AtomicLong notConverted = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong sentEarly = new AtomicLong();
    private final AtomicReference<String> firstError = new AtomicReference<>();
    private final Thread sender;
    private long sequence;
    private boolean closing;
    private boolean hurry;

    public OutcomeProducer(Producer<String, LeadOutcome> producer, String topic, OutcomeDraw draw) {
        this(producer, topic, draw, System::nanoTime);
    }

    /** With the clock that says when outcomes fall due: {@link System#nanoTime()}, or one a test moves by hand. */
    OutcomeProducer(Producer<String, LeadOutcome> producer, String topic, OutcomeDraw draw, LongSupplier nanoClock) {
        this.producer = producer;
        this.topic = topic;
        this.draw = draw;
        this.nanoClock = nanoClock;
        this.origin = nanoClock.getAsLong();
        this.sender = new Thread(this::sendWhenDue, "lead-outcomes-" + topic);
        sender.setDaemon(true);
        sender.start();
    }

    /** A Kafka producer for the outcomes, with the settings and registry of {@link EventProducer#kafkaProducer}. */
    public static Producer<String, LeadOutcome> kafkaProducer(String bootstrapServers, String registryUrl,
                                                              Map<String, String> settings) {
        return AvroProducers.create("lead-scorer-simulator-outcomes", bootstrapServers, registryUrl, settings);
    }

    /**
     * Takes a lead that was just sent with event time {@code sentAt}: its outcome, if the draw reports one, is sent
     * once its delay has passed. Any thread may call this, a producer callback included.
     *
     * @throws IllegalStateException after {@link #close(Duration)} began
     */
    public void schedule(SimulatedLead lead, Instant sentAt) {
        draw.draw(lead).ifPresent(outcome -> {
            long due = nanoClock.getAsLong() - origin + outcome.delay().toNanos();
            ProducerRecord<String, LeadOutcome> record =
                    new ProducerRecord<>(topic, outcome.leadId(), outcome.toRecord(sentAt));
            lock.lock();
            try {
                if (closing) {
                    throw new IllegalStateException("outcome producer for " + topic + " is closing");
                }
                pending.add(new Pending(due, sequence++, outcome.converted(), record));
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        });
    }

    /** Outcomes scheduled and not yet handed to the Kafka producer. */
    public int pending() {
        lock.lock();
        try {
            return pending.size();
        } finally {
            lock.unlock();
        }
    }

    /** What was reported so far (acknowledged or failed). */
    public OutcomeCounts counts() {
        return new OutcomeCounts(topic, converted.get(), notConverted.get(), failed.get(), sentEarly.get(),
                firstError.get());
    }

    /** {@link #close(Duration)} with {@link #DEFAULT_CLOSE_TIMEOUT}. */
    @Override
    public void close() {
        close(DEFAULT_CLOSE_TIMEOUT);
    }

    /**
     * Takes no more leads, waits up to {@code timeout} for every scheduled outcome to fall due and be sent, sends
     * those still pending then at once (counted as {@link OutcomeCounts#sentEarly()}, their {@code outcome_time}
     * unchanged), and flushes the Kafka producer, so that every outcome is acknowledged or failed when this
     * returns. Interrupted, it stops waiting for due times and sends the rest at once as well.
     */
    public void close(Duration timeout) {
        lock.lock();
        try {
            closing = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        boolean interrupted = false;
        long timeoutMillis = TimeUnit.MILLISECONDS.convert(timeout);
        try {
            if (timeoutMillis > 0) {
                sender.join(timeoutMillis);
            }
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (sender.isAlive()) {
            hurry();
            interrupted |= joinUninterruptibly();
        }
        producer.flush();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void hurry() {
        lock.lock();
        try {
            hurry = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private boolean joinUninterruptibly() {
        boolean interrupted = false;
        while (sender.isAlive()) {
            try {
                sender.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        return interrupted;
    }

    private void sendWhenDue() {
        Pending next;
        while ((next = awaitNextDue()) != null) {
            send(next);
        }
    }

    /** The next outcome once it is due (or at once when hurried); null once closing and nothing is left. */
    private Pending awaitNextDue() {
        lock.lock();
        try {
            while (true) {
                Pending head = pending.peek();
                if (head == null && closing) {
                    return null;
                }
                try {
                    if (head == null) {
                        changed.await();
                        continue;
                    }
                    long wait = head.due() - (nanoClock.getAsLong() - origin);
                    if (wait <= 0 || hurry) {
                        if (wait > 0) {
                            sentEarly.incrementAndGet();
                        }
                        return pending.poll();
                    }
                    changed.awaitNanos(wait);
                } catch (InterruptedException e) {
                    hurry = true;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private void send(Pending outcome) {
        try {
            producer.send(outcome.record(), (metadata, error) -> {
                if (error == null) {
                    (outcome.converted() ? converted : notConverted).incrementAndGet();
                } else {
                    fail(error);
                }
            });
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    private void fail(Exception error) {
        failed.incrementAndGet();
        firstError.compareAndSet(null, error.toString());
    }
}
