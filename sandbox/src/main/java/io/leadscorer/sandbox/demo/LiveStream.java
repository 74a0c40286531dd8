package io.leadscorer.sandbox.demo;

import io.leadscorer.avro.MqlEvent;
import io.leadscorer.schemas.registry.SchemaRegistryConfig;
import io.leadscorer.schemas.serde.AvroWireSerializer;
import io.leadscorer.simulator.produce.OutcomeProducer;
import io.leadscorer.simulator.produce.Pacer;
import io.leadscorer.simulator.world.MqlWorld;
import io.leadscorer.simulator.world.SimulatedLead;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The simulator's live stream: leads of one simulated sample sent at a steady rate as {@code MqlEvent}s (event time
 * = send time), with the poison records once a tenth of the way in. It remembers the truth about every lead the
 * broker acknowledged, which is what the tally checks the scores against, and can report each one's outcome as a CRM
 * would, a few seconds later. Runs until the count or {@link #stop()}.
 */
public final class LiveStream implements Runnable {

    /** Sample seed of the live stream: a sample of the training world that neither model was trained on. */
    static final long SAMPLE_SEED = 3;

    private final String bootstrap;
    private final String registryUrl;
    private final String topic;
    private final long count;
    private final double rate;
    private final Map<String, Truth> acknowledged = new ConcurrentHashMap<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong poisonSent = new AtomicLong();
    private final AtomicReference<String> firstError = new AtomicReference<>();
    private volatile OutcomeProducer outcomes;
    private volatile boolean stopped;
    private volatile boolean finished;

    public LiveStream(String bootstrap, String registryUrl, String topic, long count, double rate) {
        this.bootstrap = bootstrap;
        this.registryUrl = registryUrl;
        this.topic = topic;
        this.count = count;
        this.rate = rate;
    }

    /** Reports what became of every acknowledged lead through these outcomes (drawn from the lead's own label). */
    public LiveStream withOutcomes(OutcomeProducer producer) {
        this.outcomes = producer;
        return this;
    }

    @Override
    public void run() {
        MqlWorld world = MqlWorld.create(SAMPLE_SEED);
        AvroWireSerializer<MqlEvent> serializer = new AvroWireSerializer<>();
        serializer.configure(Map.of(SchemaRegistryConfig.URL, registryUrl), false);
        Pacer pacer = Pacer.steady(rate);
        long poisonAt = Math.min(count / 10, 200);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.CLIENT_ID_CONFIG, "lead-scorer-demo-simulator"),
                new StringSerializer(), new ByteArraySerializer())) {
            for (long i = 0; i < count && !stopped; i++) {
                pacer.awaitTurn(i);
                if (i == poisonAt) {
                    sendPoison(producer, serializer);
                }
                SimulatedLead lead = world.lead(i);
                MqlEvent event = lead.event();
                Instant sentAt = Instant.now();
                event.setEventTime(sentAt);
                Truth truth = new Truth(lead.converted(), lead.probability());
                String leadId = lead.leadId();
                producer.send(new ProducerRecord<>(topic, leadId, serializer.serialize(topic, event)), (metadata, error) -> {
                    if (error == null) {
                        acknowledged.put(leadId, truth);
                        OutcomeProducer reporter = outcomes;
                        if (reporter != null) {
                            reporter.schedule(lead, sentAt);
                        }
                    } else {
                        failed.incrementAndGet();
                        firstError.compareAndSet(null, error.toString());
                    }
                });
                sent.incrementAndGet();
            }
            if (poisonSent.get() == 0 && !stopped) {
                sendPoison(producer, serializer);
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            firstError.compareAndSet(null, e.toString());
        } finally {
            serializer.close();
            finished = true;
        }
    }

    private void sendPoison(KafkaProducer<String, byte[]> producer, AvroWireSerializer<MqlEvent> serializer) {
        List<ProducerRecord<String, byte[]>> records = PoisonRecords.forTopic(topic, event -> serializer.serialize(topic, event));
        for (ProducerRecord<String, byte[]> record : records) {
            producer.send(record, (metadata, error) -> {
                if (error == null) {
                    poisonSent.incrementAndGet();
                } else {
                    firstError.compareAndSet(null, error.toString());
                }
            });
        }
    }

    /** Stops sending after the current lead; what was sent is still flushed. */
    public void stop() {
        stopped = true;
    }

    public boolean finished() {
        return finished;
    }

    /** Leads handed to the producer so far. */
    public long sent() {
        return sent.get();
    }

    /** The leads the broker acknowledged, by lead id. */
    public Map<String, Truth> acknowledged() {
        return acknowledged;
    }

    public long failed() {
        return failed.get();
    }

    public long poisonSent() {
        return poisonSent.get();
    }

    public String firstError() {
        return firstError.get();
    }
}
