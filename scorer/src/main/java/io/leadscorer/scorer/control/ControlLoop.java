package io.leadscorer.scorer.control;

import io.leadscorer.avro.ModelCommand;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import io.leadscorer.schemas.serde.RegistryUnavailableException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the control topic on a thread of its own: a plain consumer assigned to every partition (no group, so every
 * instance sees every command), read from the beginning. The commands keyed by this deployment up to the end of the
 * topic at startup go to {@link ModelDeployer#startUp} as one history; each later one to
 * {@link ModelDeployer#onCommand}; between polls the deployer ends a shadow whose time is up. Models are therefore loaded here, never on a stream thread. A record that does not
 * decode is logged and skipped: the control topic is written by operators' tools, not by the leads' producers. When
 * the consumer fails (an authorisation error, a record it cannot fetch), the loop opens a new one after a backoff
 * (2 s doubling to 30 s) and goes on from the first command it has not read, so a transient failure never leaves an
 * instance deaf to later commands; the startup history is read once.
 */
public final class ControlLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ControlLoop.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration RETRY = Duration.ofSeconds(2);
    private static final Duration MAX_RETRY = Duration.ofSeconds(30);

    private final Supplier<Consumer<byte[], byte[]>> consumers;
    private final Deserializer<ModelCommand> commands;
    private final String topic;
    private final byte[] deploymentKey;
    private final ModelDeployer deployer;
    private final Thread thread;
    private final Map<TopicPartition, Long> next = new HashMap<>();
    private boolean started;
    private volatile boolean running = true;
    private volatile Consumer<byte[], byte[]> consumer;

    public ControlLoop(Supplier<Consumer<byte[], byte[]>> consumers, Deserializer<ModelCommand> commands, String topic,
                       String deploymentKey, ModelDeployer deployer) {
        this.consumers = consumers;
        this.commands = commands;
        this.topic = topic;
        this.deploymentKey = deploymentKey.getBytes(StandardCharsets.UTF_8);
        this.deployer = deployer;
        this.thread = new Thread(this::run, "model-control");
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    private void run() {
        Duration backoff = RETRY;
        while (running) {
            try (Consumer<byte[], byte[]> opened = consumers.get()) {
                consumer = opened;
                if (!running) {
                    return;
                }
                List<TopicPartition> partitions = assignAll(opened);
                if (!started) {
                    List<ControlRecord> history = history(opened, partitions);
                    started = true; // the deployer sees one history: a failure from here on resumes after it
                    deployer.startUp(history);
                }
                follow(opened, partitions);
                return;
            } catch (WakeupException e) {
                if (running) {
                    LOG.error("Control loop woken up unexpectedly", e);
                }
            } catch (RuntimeException e) {
                LOG.error("Control loop failed; following {} again with a new consumer in {} ms (from the next "
                        + "unread command)", topic, backoff.toMillis(), e);
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : backoff.multipliedBy(2);
            } finally {
                consumer = null;
            }
        }
    }

    /** Applies each new command until closed, remembering how far each partition has been read. */
    private void follow(Consumer<byte[], byte[]> opened, List<TopicPartition> partitions) {
        while (running) {
            if (partitions.isEmpty()) {
                partitions = assignAll(opened);
                if (partitions.isEmpty()) {
                    sleep(RETRY);
                    continue;
                }
            }
            for (ConsumerRecord<byte[], byte[]> record : opened.poll(POLL)) {
                decode(record).ifPresent(deployer::onCommand);
                next.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
            }
            deployer.endExpiredShadow();
        }
    }

    /**
     * Assigns every partition of the control topic, from where this loop left it or else from its beginning; none
     * while the topic does not exist.
     */
    private List<TopicPartition> assignAll(Consumer<byte[], byte[]> opened) {
        List<PartitionInfo> infos;
        try {
            infos = opened.partitionsFor(topic);
        } catch (RuntimeException e) {
            if (e instanceof WakeupException wakeup) {
                throw wakeup;
            }
            LOG.warn("Cannot read the partitions of control topic {}: {}", topic, e.toString());
            return List.of();
        }
        if (infos == null || infos.isEmpty()) {
            LOG.warn("Control topic {} does not exist (yet); serving the initial bundle until it does", topic);
            return List.of();
        }
        List<TopicPartition> partitions = infos.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
        opened.assign(partitions);
        opened.seekToBeginning(partitions);
        for (TopicPartition partition : partitions) {
            Long resume = next.get(partition);
            if (resume != null) {
                opened.seek(partition, resume);
            }
        }
        return partitions;
    }

    /** This deployment's commands from the beginning of the topic to its end as of now. */
    private List<ControlRecord> history(Consumer<byte[], byte[]> opened, List<TopicPartition> partitions) {
        List<ControlRecord> history = new ArrayList<>();
        if (partitions.isEmpty()) {
            return history;
        }
        Map<TopicPartition, Long> end = opened.endOffsets(partitions);
        while (running && partitions.stream().anyMatch(p -> opened.position(p) < end.get(p))) {
            for (ConsumerRecord<byte[], byte[]> record : opened.poll(POLL)) {
                decode(record).ifPresent(history::add);
            }
        }
        for (TopicPartition partition : partitions) {
            next.put(partition, opened.position(partition));
        }
        LOG.info("Control topic {}: {} command(s) for this deployment up to offsets {}", topic, history.size(), end);
        return history;
    }

    private Optional<ControlRecord> decode(ConsumerRecord<byte[], byte[]> record) {
        if (record.key() == null || !Arrays.equals(record.key(), deploymentKey) || record.value() == null) {
            return Optional.empty();
        }
        try {
            ModelCommand command = commands.deserialize(record.topic(), record.value());
            return Optional.of(new ControlRecord(command, record.partition(), record.offset()));
        } catch (RegistryUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.warn("Skipping control record {}-{}@{} that does not decode: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return Optional.empty();
        }
    }

    /** Sleeps in short steps, so that closing does not wait for a whole backoff. */
    private void sleep(Duration duration) {
        long until = System.nanoTime() + duration.toNanos();
        try {
            while (running && System.nanoTime() < until) {
                Thread.sleep(Math.min(POLL.toMillis(), Math.max(1, (until - System.nanoTime()) / 1_000_000)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Stops following the topic; a model being loaded finishes loading first. */
    @Override
    public void close() {
        running = false;
        Consumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
