package io.leadscorer.trainer.publish;

import io.leadscorer.avro.ModelAction;
import io.leadscorer.avro.ModelCommand;
import io.leadscorer.model.bundle.Bundle;
import io.leadscorer.schemas.registry.SchemaRegistryConfig;
import io.leadscorer.schemas.serde.AvroWireSerdeConfig;
import io.leadscorer.schemas.serde.AvroWireSerializer;
import io.leadscorer.trainer.config.PublishSettings;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends one DEPLOY {@link ModelCommand} for a published bundle to the control topic (key: the model id; value:
 * Avro in the Confluent wire format), idempotently, and waits for the broker's acknowledgement.
 */
@Singleton
public final class ControlPublisher {
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(60);
    private final Clock clock;

    public ControlPublisher(Clock clock) {
        this.clock = clock;
    }

    public RecordMetadata deploy(Bundle bundle, PublishSettings settings) {
        if (settings.bootstrap() == null || settings.bootstrap().isBlank()) {
            throw new IllegalArgumentException("--publish needs Kafka bootstrap servers (--bootstrap HOST:PORT)");
        }
        if (settings.registryUrl() == null || settings.registryUrl().isBlank()) {
            throw new IllegalArgumentException("--publish needs a Schema Registry URL (--registry URL)");
        }
        ModelCommand command = ModelCommand.newBuilder()
                .setAction(ModelAction.DEPLOY)
                .setModelId(bundle.modelId())
                .setBundleUri(bundle.dir().toAbsolutePath().normalize().toUri().toString())
                .setManifestSha256(bundle.manifestSha256())
                .setRequestedTime(clock.instant())
                .setRequestedBy(settings.requestedBy())
                .build();
        try (KafkaProducer<String, ModelCommand> producer = new KafkaProducer<>(producerConfig(settings))) {
            return producer.send(new ProducerRecord<>(settings.controlTopic(), bundle.modelId(), command))
                    .get(ACK_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing the DEPLOY command", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the DEPLOY command for " + bundle.modelId() + " was not delivered to "
                    + settings.controlTopic() + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("no acknowledgement for the DEPLOY command within " + ACK_TIMEOUT, e);
        }
    }

    private static Map<String, Object> producerConfig(PublishSettings settings) {
        Map<String, Object> config = new HashMap<>(settings.extraProperties());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrap());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroWireSerializer.class.getName());
        config.put(SchemaRegistryConfig.URL, settings.registryUrl());
        config.putIfAbsent(AvroWireSerdeConfig.AUTO_REGISTER_SCHEMAS, "true");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
        config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "60000");
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "lead-scorer-trainer");
        return config;
    }
}
