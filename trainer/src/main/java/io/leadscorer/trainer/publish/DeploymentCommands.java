package io.leadscorer.trainer.publish;

import io.leadscorer.avro.ModelCommand;
import io.leadscorer.trainer.config.PublishSettings;
import java.util.Optional;

/**
 * What the control topic holds for the settings' target deployment: its newest command, and the newest command that
 * carries the evidence of an automatic decision (kept only until compaction removes it).
 */
public record DeploymentCommands(Optional<ModelCommand> latest, Optional<ModelCommand> lastDecision) {

    public static DeploymentCommands read(PublishSettings settings) {
        ModelCommand[] newest = new ModelCommand[2];
        TopicReader.<ModelCommand>readToEnd(ControlClients.reader(settings, ModelCommand.class),
                settings.controlTopic(), settings.timeout(), record -> {
                    ModelCommand command = record.value();
                    if (!settings.target().equals(record.key()) || command == null) {
                        return;
                    }
                    if (newest[0] == null || command.getSequence() >= newest[0].getSequence()) {
                        newest[0] = command;
                    }
                    if (command.getEvidence() != null
                            && (newest[1] == null || command.getSequence() >= newest[1].getSequence())) {
                        newest[1] = command;
                    }
                });
        return new DeploymentCommands(Optional.ofNullable(newest[0]), Optional.ofNullable(newest[1]));
    }
}
