package io.leadscorer.trainer.cli;

import io.leadscorer.model.bundle.Bundle;
import io.leadscorer.trainer.config.PublishSettings;
import io.leadscorer.trainer.publish.ControlPublisher;
import io.leadscorer.trainer.publish.ModelRef;
import io.micronaut.context.annotation.Prototype;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * `deploy`: verifies a published bundle here, then makes it live at once (a DEPLOY on the control topic); the replaced
 * live model stays in shadow for the guard.
 */
@Prototype
@Command(name = "deploy", mixinStandardHelpOptions = true, defaultValueProvider = SettingDefaults.class,
        description = "Sends a DEPLOY command for a bundle in the model store: live at once, the replaced model kept "
                + "in shadow for the guard; follow it with `status`.")
public class DeployCommand implements Callable<Integer> {
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
        ModelRef deployed = ModelRef.of(Bundle.open(bundleDir(bundle)));
        ControlPublisher.Sent sent = publisher.get().send(publishSettings.get(), rollout.unpin,
                next -> next.deploy(deployed));
        console.out().println(sent.describe());
        return 0;
    }

    static Path bundleDir(String given) {
        if (given.startsWith("file:")) {
            return Path.of(URI.create(given));
        }
        if (given.contains("://")) {
            throw new IllegalArgumentException("--bundle " + given + ": only a directory or a file: URI is served");
        }
        return Path.of(given);
    }
}
