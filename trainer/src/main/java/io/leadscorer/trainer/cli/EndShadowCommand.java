package io.leadscorer.trainer.cli;

import io.leadscorer.trainer.config.PublishSettings;
import io.leadscorer.trainer.publish.ControlPublisher;
import io.micronaut.context.annotation.Prototype;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * `end-shadow`: stops scoring the shadow model, a candidate or the previous model of a guard, and keeps the live one
 * (an END_SHADOW on the control topic).
 */
@Prototype
@Command(name = "end-shadow", mixinStandardHelpOptions = true, defaultValueProvider = SettingDefaults.class,
        description = "Sends an END_SHADOW command: the shadow model (a candidate, or the previous model of a guard) "
                + "is no longer scored and the live model stays; follow it with `status`.")
public class EndShadowCommand implements Callable<Integer> {
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
        ControlPublisher.Sent sent = publisher.get().send(publishSettings.get(), false, next -> next.endShadow());
        console.out().println(sent.describe());
        return 0;
    }
}
