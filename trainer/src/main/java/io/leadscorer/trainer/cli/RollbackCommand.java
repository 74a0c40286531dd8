package io.leadscorer.trainer.cli;

import io.leadscorer.model.bundle.BundleStore;
import io.leadscorer.model.bundle.Bundle;
import io.leadscorer.trainer.config.PublishSettings;
import io.leadscorer.trainer.publish.ControlPublisher;
import io.micronaut.context.annotation.Prototype;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `rollback`: asks the scorers to return to an earlier bundle of the model store (a ROLLBACK on the control topic). */
@Prototype
@Command(name = "rollback", mixinStandardHelpOptions = true, defaultValueProvider = SettingDefaults.class,
        description = "Sends a ROLLBACK command to an earlier model of the store; follow it with `status`.")
public class RollbackCommand implements Callable<Integer> {
    @Option(names = "--to", required = true, paramLabel = "MODEL_ID", description = "the earlier model to serve again")
    String modelId;

    @Setting("trainer.publish.store")
    @Option(names = "--store", paramLabel = "DIR",
            description = "model store holding that model (default ${DEFAULT-VALUE})")
    Path store;

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
        PublishSettings target = publishSettings.get();
        Bundle earlier = new BundleStore(Path.of(target.store())).open(modelId);
        ControlPublisher.Sent sent = publisher.get().rollback(earlier, target);
        console.out().println(sent.describe());
        return 0;
    }
}
