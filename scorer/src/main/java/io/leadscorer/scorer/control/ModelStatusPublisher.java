package io.leadscorer.scorer.control;

import io.leadscorer.avro.ModelState;
import io.leadscorer.avro.ModelStatus;
import java.time.Clock;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells operators what this instance did with a model: LOADING, ACTIVE or REJECTED (with the reason), as
 * {@link ModelStatus} records keyed by the instance id on the status topic, and in the log. Sending is asynchronous;
 * a status that cannot be delivered is logged and does not hold up the swap.
 */
public final class ModelStatusPublisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ModelStatusPublisher.class);

    private final Producer<String, ModelStatus> producer;
    private final String topic;
    private final String instanceId;
    private final Clock clock;

    public ModelStatusPublisher(Producer<String, ModelStatus> producer, String topic, String instanceId, Clock clock) {
        this.producer = producer;
        this.topic = topic;
        this.instanceId = instanceId;
        this.clock = clock;
    }

    public void publish(String modelId, ModelState state, String reason) {
        if (state == ModelState.REJECTED) {
            LOG.warn("Model {} REJECTED on {}: {}", modelId, instanceId, reason);
        } else {
            LOG.info("Model {} {} on {}", modelId, state, instanceId);
        }
        ModelStatus status = ModelStatus.newBuilder().setInstance(instanceId).setModelId(modelId).setState(state)
                .setReason(reason).setTime(clock.instant()).build();
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
