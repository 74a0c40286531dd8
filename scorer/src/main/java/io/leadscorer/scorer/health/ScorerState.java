package io.leadscorer.scorer.health;

import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;

/** What the health indicators look at: the state of the scorer's Kafka Streams client and the model it serves. */
public interface ScorerState {

    KafkaStreams.State streamsState();

    /** The id of the model bundle that scores new batches; empty while none is loaded. */
    Optional<String> activeModelId();
}
