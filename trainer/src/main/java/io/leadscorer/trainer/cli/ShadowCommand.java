package io.leadscorer.trainer.cli;

import io.leadscorer.model.bundle.Bundle;
import io.leadscorer.trainer.config.PublishSettings;
import io.leadscorer.trainer.publish.ControlPublisher;
import io.leadscorer.trainer.publish.ModelRef;
import io.micronaut.context.annotation.Prototype;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * `shadow`: verifies a published bundle here, then has the scorers score it beside the live model as a candidate (a
 * SHADOW on the control topic), for the monitor to promote or dismiss on live evidence.
 */
@Prototype
@Command(name = "shadow", mixinStandardHelpOptions = true, defaultValueProvider = SettingDefaults.class,
        description = "Sends a SHADOW command: the bundle is scored beside the live model as a candidate until the "
                + "monitor promotes or dismisses it, or --max-shadow runs out; follow it with `status`.")
public class ShadowCommand implements Callable<Integer> {
    @Option(names = "--bundle", required = true, paramLabel = "DIR|URI", description = "bundle directory or file: URI")
    String bundle;

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
        ModelRef candidate = ModelRef.of(Bundle.open(DeployCommand.bundleDir(bundle)));
        ControlPublisher.Sent sent = publisher.get().send(publishSettings.get(), rollout.unpin,
                next -> next.shadow(candidate));
        console.out().println(sent.describe());
        return 0;
    }
}
