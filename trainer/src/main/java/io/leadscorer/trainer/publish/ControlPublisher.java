package io.leadscorer.trainer.publish;

import io.leadscorer.avro.ModelAction;
import io.leadscorer.avro.ModelCommand;
import io.leadscorer.model.bundle.Bundle;
import io.leadscorer.trainer.config.PublishSettings;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * The one writer of {@link ModelCommand}s, used by `train --publish`, `deploy` and `rollback`: keyed by the scorer
 * deployment addressed (its application id), so the compacted control topic keeps what each fleet should serve now,
 * with a sequence above every earlier command for that deployment (at least the current time in milliseconds), so
 * scorers apply it and ignore any replay of an older one. Waits for the broker's acknowledgement.
 */
@Singleton
public final class ControlPublisher {
    private final Clock clock;

    public ControlPublisher(Clock clock) {
        this.clock = clock;
    }

    /** What was sent and where it landed. */
    public record Sent(ModelCommand command, String target, RecordMetadata metadata) {
        /** One line for the operator: action, model, deployment, topic, sequence and position. */
        public String describe() {
            return String.format(Locale.ROOT, "%s %s to %s sent to %s (sequence %d, partition %d, offset %d)",
                    command.getAction(), command.getModelId(), target, metadata.topic(), command.getSequence(),
                    metadata.partition(), metadata.offset());
        }
    }

    public Sent deploy(Bundle bundle, PublishSettings settings) {
        return send(ModelAction.DEPLOY, bundle, settings);
    }

    /** Returns the deployment to an earlier bundle (the scorers verify it like any deployed bundle). */
    public Sent rollback(Bundle earlier, PublishSettings settings) {
        return send(ModelAction.ROLLBACK, earlier, settings);
    }

    /** The newest command for the settings' target deployment, if any. */
    public Optional<ModelCommand> latest(PublishSettings settings) {
        ModelCommand[] newest = new ModelCommand[1];
        TopicReader.<ModelCommand>readToEnd(ControlClients.reader(settings, ModelCommand.class),
                settings.controlTopic(), settings.timeout(), record -> {
                    if (settings.target().equals(record.key()) && record.value() != null && (newest[0] == null
                            || record.value().getSequence() >= newest[0].getSequence())) {
                        newest[0] = record.value();
                    }
                });
        return Optional.ofNullable(newest[0]);
    }

    private Sent send(ModelAction action, Bundle bundle, PublishSettings settings) {
        Instant now = clock.instant();
        long sequence = Math.max(now.toEpochMilli(), latest(settings).map(c -> c.getSequence() + 1).orElse(0L));
        ModelCommand command = ModelCommand.newBuilder()
                .setAction(action)
                .setModelId(bundle.modelId())
                .setBundleUri(bundle.dir().toAbsolutePath().normalize().toUri().toString())
                .setManifestSha256(bundle.manifestSha256())
                .setSequence(sequence)
                .setRequestedTime(now)
                .setRequestedBy(settings.requestedBy())
                .build();
        try (KafkaProducer<String, ModelCommand> producer = new KafkaProducer<>(ControlClients.producer(settings))) {
            RecordMetadata metadata = producer.send(new ProducerRecord<>(settings.controlTopic(), settings.target(), command))
                    .get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
            return new Sent(command, settings.target(), metadata);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing the " + action + " command", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the " + action + " command for " + bundle.modelId() + " was not delivered to "
                    + settings.controlTopic() + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("no acknowledgement for the " + action + " command within " + settings.timeout(), e);
        }
    }
}
