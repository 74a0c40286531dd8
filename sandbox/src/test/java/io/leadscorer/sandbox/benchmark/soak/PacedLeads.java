package io.leadscorer.sandbox.benchmark.soak;

import io.leadscorer.avro.MqlEvent;
import io.leadscorer.schemas.registry.SchemaRegistryConfig;
import io.leadscorer.schemas.serde.AvroWireSerializer;
import io.leadscorer.simulator.world.MqlWorld;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The soak's leads on the input topic: a backlog sent as fast as the producer goes (to measure the fleet's capacity)
 * or a steady rate for as long as the soak runs. Leads are simulated ones from a pool, each sent under a lead id of
 * its own ({@code soak-<index>}), and every acknowledged index is remembered, so that the exactly-once check knows
 * which leads must have a score.
 */
final class PacedLeads implements AutoCloseable {

    static final String PREFIX = "soak-";
    private static final int POOL_SIZE = 4096;

    private final String topic;
    private final KafkaProducer<String, byte[]> producer;
    private final AvroWireSerializer<MqlEvent> events = new AvroWireSerializer<>();
    private final List<MqlEvent> pool = new ArrayList<>(POOL_SIZE);
    private final BitSet acknowledged = new BitSet();
    private final AtomicLong failed = new AtomicLong();
    private long next;
    private volatile boolean pacing;
    private Thread pacer;

    PacedLeads(String bootstrap, String registryUrl, String topic, long seed) {
        this.topic = topic;
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(), new ByteArraySerializer());
        events.configure(Map.of(SchemaRegistryConfig.URL, registryUrl), false);
        MqlWorld world = MqlWorld.create(seed);
        for (int i = 0; i < POOL_SIZE; i++) {
            pool.add(world.lead(i).event());
        }
    }

    /** Sends {@code count} leads at once and returns when the broker has them. */
    void backlog(int count) {
        for (int i = 0; i < count; i++) {
            send();
        }
        producer.flush();
    }

    /** Sends leads at {@code perSecond} on a thread of its own until {@link #stop()}. */
    void startPaced(double perSecond) {
        pacing = true;
        pacer = new Thread(() -> pace(perSecond), "soak-leads");
        pacer.setDaemon(true);
        pacer.start();
    }

    private void pace(double perSecond) {
        long started = System.nanoTime();
        long sent = 0;
        while (pacing) {
            long due = (long) ((System.nanoTime() - started) / 1e9 * perSecond);
            for (; sent < due; sent++) {
                send();
            }
            try {
                TimeUnit.MILLISECONDS.sleep(1);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void send() {
        long index = next++;
        String id = PREFIX + index;
        MqlEvent event = MqlEvent.newBuilder(pool.get((int) (index % POOL_SIZE))).setLeadId(id)
                .setEventTime(Instant.now()).build();
        producer.send(new ProducerRecord<>(topic, id, events.serialize(topic, event)), (metadata, e) -> {
            if (e == null) {
                synchronized (acknowledged) {
                    acknowledged.set((int) index);
                }
            } else {
                failed.incrementAndGet();
            }
        });
    }

    /** Stops a paced run and returns once every lead sent is acknowledged or failed. */
    void stop() throws InterruptedException {
        pacing = false;
        if (pacer != null) {
            pacer.join();
        }
        producer.flush();
    }

    long acknowledgedCount() {
        synchronized (acknowledged) {
            return acknowledged.cardinality();
        }
    }

    BitSet acknowledged() {
        synchronized (acknowledged) {
            return (BitSet) acknowledged.clone();
        }
    }

    long failed() {
        return failed.get();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
        producer.close(Duration.ofSeconds(10));
    }
}
