package io.leadscorer.sandbox.demo;

import io.leadscorer.avro.ModelAction;
import io.leadscorer.avro.ModelCommand;
import io.leadscorer.model.bundle.Bundle;
import io.leadscorer.schemas.registry.SchemaRegistryConfig;
import io.leadscorer.schemas.serde.AvroWireSerdeConfig;
import io.leadscorer.schemas.serde.AvroWireSerializer;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends {@link ModelCommand}s to the control topic as an operator's tools would: keyed by the scorer deployment's
 * application id (compaction keeps what that fleet should serve). {@link #deploy} makes a plain DEPLOY of a bundle
 * (its {@code file:} URI inside the model store, its manifest checksum, and a sequence, the current time in
 * milliseconds, above any earlier one); {@link #send} sends a command composed elsewhere.
 */
public final class ModelDeployer {

    private final String bootstrap;
    private final String registryUrl;
    private final String controlTopic;
    private final String applicationId;

    public ModelDeployer(String bootstrap, String registryUrl, String controlTopic, String applicationId) {
        this.bootstrap = bootstrap;
        this.registryUrl = registryUrl;
        this.controlTopic = controlTopic;
        this.applicationId = applicationId;
    }

    /** The command for this bundle, as sent. */
    public ModelCommand command(Bundle bundle, long sequence) {
        return ModelCommand.newBuilder()
                .setAction(ModelAction.DEPLOY)
                .setModelId(bundle.modelId())
                .setBundleUri(bundle.dir().toAbsolutePath().normalize().toUri().toString())
                .setManifestSha256(bundle.manifestSha256())
                .setSequence(sequence)
                .setRequestedTime(Instant.now())
                .setRequestedBy("lead-scorer demo")
                .build();
    }

    /** Sends a DEPLOY of the bundle and waits for the broker's acknowledgement. */
    public ModelCommand deploy(Bundle bundle) {
        return send(command(bundle, System.currentTimeMillis()));
    }

    /** Sends any command for the deployment and waits for the broker's acknowledgement. */
    public ModelCommand send(ModelCommand command) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "lead-scorer-demo-deploy");
        config.put(SchemaRegistryConfig.URL, registryUrl);
        config.put(AvroWireSerdeConfig.AUTO_REGISTER_SCHEMAS, "true");
        AvroWireSerializer<ModelCommand> values = new AvroWireSerializer<>();
        values.configure(config, false);
        try (KafkaProducer<String, ModelCommand> producer = new KafkaProducer<>(config, new StringSerializer(), values)) {
            producer.send(new ProducerRecord<>(controlTopic, applicationId, command)).get(60, TimeUnit.SECONDS);
            return command;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted sending " + command.getAction() + " " + command.getModelId(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not send the " + command.getAction() + " command for "
                    + command.getModelId() + ": " + e, e);
        }
    }
}
