package io.leadscorer.trainer.publish;

import io.leadscorer.avro.ModelCommand;
import io.leadscorer.trainer.config.PublishSettings;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * The one writer of {@link ModelCommand}s, used by `train --publish` and the operator commands: reads the target
 * deployment's newest command, composes the next one from it ({@link NextCommand}: the fleet's whole serving state,
 * with the settings' rollout policy and a sequence above every earlier command of the deployment), and sends it keyed
 * by the deployment (its application id), so the compacted control topic keeps what each fleet should serve now.
 * Waits for the broker's acknowledgement.
 */
@Singleton
public final class ControlPublisher {
    private final Clock clock;

    public ControlPublisher(Clock clock) {
        this.clock = clock;
    }

    /** What was sent and where it landed. */
    public record Sent(ModelCommand command, String target, RecordMetadata metadata) {
        /** For the operator: action, model, deployment, topic, sequence, position, then what the fleet now serves. */
        public String describe() {
            return String.format(Locale.ROOT, "%s %s to %s sent to %s (sequence %d, partition %d, offset %d): %s%s",
                    command.getAction(), CommandText.subject(command), target, metadata.topic(), command.getSequence(),
                    metadata.partition(), metadata.offset(),
                    CommandText.serving(command, command.getRequestedTime()),
                    command.getPinned() ? ", " + CommandText.pin(command) : "");
        }
    }

    /**
     * Sends the command {@code compose} makes of the deployment's state; a {@link CommandRefused} from it sends
     * nothing. {@code unpin}: DEPLOY, SHADOW and PROMOTE go out even on a pinned deployment, and unpin it.
     */
    public Sent send(PublishSettings settings, boolean unpin, Function<NextCommand, ModelCommand> compose) {
        Instant now = clock.instant();
        NextCommand next = new NextCommand(DeploymentCommands.read(settings).latest(), settings.target(),
                settings.rollout().policy(), now, settings.requestedBy(), unpin);
        ModelCommand command = compose.apply(next);
        try (KafkaProducer<String, ModelCommand> producer = new KafkaProducer<>(ControlClients.producer(settings))) {
            RecordMetadata metadata = producer.send(new ProducerRecord<>(settings.controlTopic(), settings.target(), command))
                    .get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
            return new Sent(command, settings.target(), metadata);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing the " + command.getAction() + " command", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the " + command.getAction() + " command for " + CommandText.subject(command)
                    + " was not delivered to " + settings.controlTopic() + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("no acknowledgement for the " + command.getAction() + " command within "
                    + settings.timeout(), e);
        }
    }
}
