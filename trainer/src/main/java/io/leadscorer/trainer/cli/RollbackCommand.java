package io.leadscorer.trainer.cli;

import io.leadscorer.model.bundle.BundleStore;
import io.leadscorer.trainer.config.PublishSettings;
import io.leadscorer.trainer.publish.ControlPublisher;
import io.leadscorer.trainer.publish.ModelRef;
import io.micronaut.context.annotation.Prototype;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * `rollback`: asks the scorers to return to an earlier bundle of the model store, with no shadow (a ROLLBACK on the
 * control topic), and pins the deployment there: DEPLOY, SHADOW and PROMOTE, a scheduled retrain's among them, are
 * refused until an operator sends one with --unpin.
 */
@Prototype
@Command(name = "rollback", mixinStandardHelpOptions = true, defaultValueProvider = SettingDefaults.class,
        description = "Sends a ROLLBACK command to an earlier model of the store and pins the deployment to it "
                + "(deploy, shadow, promote and train --publish refuse until --unpin); follow it with `status`.")
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
        ModelRef earlier = ModelRef.of(new BundleStore(Path.of(target.store())).open(modelId));
        ControlPublisher.Sent sent = publisher.get().send(target, false, next -> next.rollback(earlier));
        console.out().println(sent.describe());
        return 0;
    }
}
