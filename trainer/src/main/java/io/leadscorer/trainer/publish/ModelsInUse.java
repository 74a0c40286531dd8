package io.leadscorer.trainer.publish;

import io.leadscorer.avro.ModelCommand;
import io.leadscorer.avro.ModelState;
import io.leadscorer.avro.ModelStatus;
import io.leadscorer.trainer.config.PublishSettings;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which bundles the scorers use, read from Kafka: per deployment (control key) the model of its newest command, and
 * per scorer instance the model it last reported ACTIVE on the status topic. What `models` shows beside each bundle,
 * and what retention never removes.
 */
@Singleton
public final class ModelsInUse {

    /** The newest command of each deployment and the active model of each instance. */
    public record InUse(Map<String, ModelCommand> byDeployment, Map<String, String> activeByInstance) {

        public Set<String> modelIds() {
            Set<String> ids = new TreeSet<>(activeByInstance.values());
            byDeployment.values().forEach(command -> ids.add(command.getModelId()));
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
        Map<String, String> active = new TreeMap<>();
        TopicReader.<ModelStatus>readToEnd(ControlClients.reader(settings, ModelStatus.class), settings.statusTopic(),
                settings.timeout(), record -> {
                    ModelStatus status = record.value();
                    if (status != null && status.getState() == ModelState.ACTIVE) {
                        active.put(status.getInstance(), status.getModelId());
                    }
                });
        return new InUse(byDeployment, active);
    }
}
