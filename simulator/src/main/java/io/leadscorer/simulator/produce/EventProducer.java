package io.leadscorer.simulator.produce;

import io.leadscorer.avro.MqlEvent;
import io.leadscorer.schemas.serde.AvroWireSerializer;
import io.leadscorer.simulator.world.MqlWorld;
import io.leadscorer.simulator.world.SimulatedLead;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

/**
 * Sends leads of a simulated world to Kafka as {@code MqlEvent} records (key: lead id; value: Avro in the
 * Confluent wire format through {@link AvroWireSerializer}) at a steady rate, counting acknowledgements and
 * failures and reporting progress at an interval.
 */
public final class EventProducer {

    /** What to send: {@code count} leads to {@code topic} at {@code ratePerSecond} (0: unpaced). */
    public record Plan(String topic, long count, double ratePerSecond, boolean liveEventTime, long progressEveryNanos) {
    }

    /** A progress report: acknowledged and failed so far, of the planned count, and the rate since the start. */
    public record Progress(long sent, long failed, long planned, double rate) {
    }

    /** Told of every lead the broker acknowledged, with the event time it was sent with (on a producer thread). */
    @FunctionalInterface
    public interface Acknowledged {
        Acknowledged NONE = (lead, eventTime) -> { };

        void lead(SimulatedLead lead, Instant eventTime);
    }

    private final Producer<String, MqlEvent> producer;
    private final Pacer.Clock clock;

    public EventProducer(Producer<String, MqlEvent> producer) {
        this(producer, Pacer.SYSTEM);
    }

    EventProducer(Producer<String, MqlEvent> producer, Pacer.Clock clock) {
        this.producer = producer;
        this.clock = clock;
    }

    /**
     * A Kafka producer for the events. {@code settings} may carry producer settings (security, batching) and
     * serde settings (registry auth, TLS, {@code auto.register.schemas}); each goes where it is understood.
     */
    public static Producer<String, MqlEvent> kafkaProducer(String bootstrapServers, String registryUrl,
                                                           Map<String, String> settings) {
        return AvroProducers.create("lead-scorer-simulator", bootstrapServers, registryUrl, settings);
    }

    /**
     * Sends the plan's leads (leads 0 to count-1 of the world's sample), flushes, and summarises; {@code acknowledged}
     * hears of each lead the broker took.
     */
    public ProduceSummary run(MqlWorld world, Plan plan, Consumer<Progress> progress, Acknowledged acknowledged)
            throws InterruptedException {
        Pacer pacer = new Pacer(plan.ratePerSecond(), clock);
        AtomicLong sent = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        long started = clock.nanoTime();
        long lastReport = started;
        for (long i = 0; i < plan.count(); i++) {
            pacer.awaitTurn(i);
            SimulatedLead lead = world.lead(i);
            MqlEvent event = lead.event();
            if (plan.liveEventTime()) {
                event.setEventTime(Instant.now());
            }
            try {
                producer.send(new ProducerRecord<>(plan.topic(), lead.leadId(), event), (metadata, error) -> {
                    if (error == null) {
                        sent.incrementAndGet();
                        acknowledged.lead(lead, event.getEventTime());
                    } else {
                        failed.incrementAndGet();
                        firstError.compareAndSet(null, error.toString());
                    }
                });
            } catch (KafkaException e) {
                failed.incrementAndGet();
                firstError.compareAndSet(null, e.toString());
            }
            long now = clock.nanoTime();
            if (plan.progressEveryNanos() > 0 && now - lastReport >= plan.progressEveryNanos()) {
                lastReport = now;
                progress.accept(new Progress(sent.get(), failed.get(), plan.count(), rate(sent.get(), now - started)));
            }
        }
        producer.flush();
        long elapsed = clock.nanoTime() - started;
        progress.accept(new Progress(sent.get(), failed.get(), plan.count(), rate(sent.get(), elapsed)));
        return new ProduceSummary(plan.topic(), sent.get(), failed.get(), elapsed / 1e9, rate(sent.get(), elapsed),
                Math.max(0, plan.ratePerSecond()), firstError.get(), null);
    }

    private static double rate(long count, long nanos) {
        return nanos <= 0 ? 0 : count / (nanos / 1e9);
    }
}
