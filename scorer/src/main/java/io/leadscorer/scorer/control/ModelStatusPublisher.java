package io.leadscorer.scorer.control;

import io.leadscorer.avro.ModelCommand;
import io.leadscorer.avro.ModelState;
import io.leadscorer.avro.ModelStatus;
import io.leadscorer.avro.RolloutEvidence;
import io.leadscorer.avro.ServingRole;
import java.time.Clock;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells operators and the monitor what this instance did with a model of a command: LOADING, ACTIVE or REJECTED (with
 * the reason), in its role (LIVE or SHADOW), with the command's sequence and evidence, as {@link ModelStatus} records
 * keyed by the instance id on the status topic, and in the log. Sending is asynchronous; a status that cannot be
 * delivered is logged and does not hold up the swap.
 */
public final class ModelStatusPublisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ModelStatusPublisher.class);

    private final Producer<String, ModelStatus> producer;
    private final String topic;
    private final String instanceId;
    private final Clock clock;

    /** The command a status answers: its sequence and the evidence of the decision, copied into the status. */
    public record Answering(long sequence, RolloutEvidence evidence) {

        /** The configured initial bundle, served without a command. */
        public static final Answering INITIAL_BUNDLE = new Answering(0, null);

        public static Answering of(ModelCommand command) {
            return new Answering(command.getSequence(), command.getEvidence());
        }
    }

    public ModelStatusPublisher(Producer<String, ModelStatus> producer, String topic, String instanceId, Clock clock) {
        this.producer = producer;
        this.topic = topic;
        this.instanceId = instanceId;
        this.clock = clock;
    }

    public void publish(Answering answering, String modelId, ServingRole role, ModelState state, String reason) {
        if (state == ModelState.REJECTED) {
            LOG.warn("Model {} REJECTED as {} on {} (sequence {}): {}", modelId, role, instanceId,
                    answering.sequence(), reason);
        } else {
            LOG.info("Model {} {} as {} on {} (sequence {})", modelId, state, role, instanceId, answering.sequence());
        }
        ModelStatus status = ModelStatus.newBuilder().setInstance(instanceId).setModelId(modelId).setState(state)
                .setReason(reason).setTime(clock.instant()).setRole(role).setSequence(answering.sequence())
                .setEvidence(answering.evidence()).build();
        try {
            producer.send(new ProducerRecord<>(topic, instanceId, status), (metadata, failure) -> {
                if (failure != null) {
                    LOG.warn("Status {} of model {} not delivered to {}: {}", state, modelId, topic, failure.toString());
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("Status {} of model {} not sent to {}: {}", state, modelId, topic, e.toString());
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
