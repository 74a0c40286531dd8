package io.leadscorer.trainer.cli;

import io.leadscorer.avro.ModelCommand;
import io.leadscorer.trainer.config.PublishSettings;
import io.leadscorer.trainer.publish.CommandRefused;
import io.leadscorer.trainer.publish.ControlPublisher;
import io.micronaut.context.annotation.Prototype;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * `promote`: makes the shadow candidate live without waiting for the monitor's evidence (a PROMOTE on the control
 * topic); the replaced live model stays in shadow for the guard.
 */
@Prototype
@Command(name = "promote", mixinStandardHelpOptions = true, defaultValueProvider = SettingDefaults.class,
        description = "Sends a PROMOTE command: the shadow candidate goes live, the replaced model stays in shadow "
                + "for the guard; follow it with `status`.")
public class PromoteCommand implements Callable<Integer> {
    @Option(names = "--candidate", paramLabel = "MODEL_ID",
            description = "promote only if this is the candidate in shadow (guards against a newer candidate)")
    String expected;

    @Mixin
    RolloutOptions rollout;

    @Mixin
    ControlOptions control;

    @Mixin
    SettingsOptions settings;

    @Inject
    Provider<ControlPublisher> publisher;

    @Inject
    Provider<PublishSettings> publishSettings;

    @Inject
    Console console;

    @Override
    public Integer call() {
        ControlPublisher.Sent sent = publisher.get().send(publishSettings.get(), rollout.unpin, next -> {
            ModelCommand promoted = next.promote();
            if (expected != null && !expected.equals(promoted.getModelId())) {
                throw new CommandRefused("the candidate in shadow is " + promoted.getModelId() + ", not " + expected
                        + ": nothing promoted");
            }
            return promoted;
        });
        console.out().println(sent.describe());
        return 0;
    }
}
