package io.leadscorer.trainer.publish;

import io.leadscorer.avro.ModelCommand;
import io.leadscorer.avro.ModelState;
import io.leadscorer.avro.ModelStatus;
import io.leadscorer.trainer.config.PublishSettings;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which bundles the scorers use, read from Kafka: per deployment (control key) the live and shadow models of its
 * newest command, and per scorer instance the models it reported ACTIVE for the newest command it answered. What
 * `models` shows beside each bundle, and what retention never removes.
 */
@Singleton
public final class ModelsInUse {

    /** The newest command of each deployment and the active models of each instance. */
    public record InUse(Map<String, ModelCommand> byDeployment, Map<String, Set<String>> activeByInstance) {

        public Set<String> modelIds() {
            Set<String> ids = new TreeSet<>();
            activeByInstance.values().forEach(ids::addAll);
            byDeployment.values().forEach(command -> {
                ids.add(command.getModelId());
                if (command.getShadow() != null) {
                    ids.add(command.getShadow().getModelId());
                }
            });
            return ids;
        }
    }

    public InUse read(PublishSettings settings) {
        Map<String, ModelCommand> byDeployment = new TreeMap<>();
        TopicReader.<ModelCommand>readToEnd(ControlClients.reader(settings, ModelCommand.class), settings.controlTopic(),
                settings.timeout(), record -> {
                    ModelCommand command = record.value();
                    ModelCommand known = byDeployment.get(record.key());
                    if (record.key() != null && command != null
                            && (known == null || command.getSequence() >= known.getSequence())) {
                        byDeployment.put(record.key(), command);
                    }
                });
        Map<String, Set<String>> active = new TreeMap<>();
        Map<String, Long> answered = new HashMap<>();
        TopicReader.<ModelStatus>readToEnd(ControlClients.reader(settings, ModelStatus.class), settings.statusTopic(),
                settings.timeout(), record -> {
                    ModelStatus status = record.value();
                    if (status == null || status.getState() != ModelState.ACTIVE) {
                        return;
                    }
                    long newest = answered.getOrDefault(status.getInstance(), 0L);
                    // statuses without a sequence come from scorers that serve one model at a time
                    if (status.getSequence() == 0 || status.getSequence() > newest) {
                        active.put(status.getInstance(), new TreeSet<>(Set.of(status.getModelId())));
                        answered.put(status.getInstance(), status.getSequence());
                    } else if (status.getSequence() == newest) {
                        active.get(status.getInstance()).add(status.getModelId());
                    }
                });
        return new InUse(byDeployment, active);
    }
}
