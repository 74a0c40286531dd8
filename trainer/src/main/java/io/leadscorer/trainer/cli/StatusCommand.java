package io.leadscorer.trainer.cli;

import io.leadscorer.avro.ModelCommand;
import io.leadscorer.trainer.config.PublishSettings;
import io.leadscorer.trainer.publish.RolloutStatus;
import io.micronaut.context.annotation.Prototype;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * `status`: the newest command of the deployment and each scorer instance's answer to it. Exit 0 when every
 * instance that answered serves it, 1 when one REJECTED it or none answered within the timeout.
 */
@Prototype
@Command(name = "status", mixinStandardHelpOptions = true, defaultValueProvider = SettingDefaults.class,
        description = "Shows, per scorer instance, the state of the newest DEPLOY or ROLLBACK; non-zero exit when an "
                + "instance rejected it or none answered in time.")
public class StatusCommand implements Callable<Integer> {
    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "how long to wait for the instances to settle (default ${DEFAULT-VALUE})")
    long timeoutSeconds;

    @Mixin
    ControlOptions control;

    @Mixin
    SettingsOptions settings;

    @Inject
    Provider<RolloutStatus> rollout;

    @Inject
    Provider<PublishSettings> publishSettings;

    @Inject
    Console console;

    @Override
    public Integer call() throws InterruptedException {
        PublishSettings target = publishSettings.get();
        Optional<RolloutStatus.Report> awaited = rollout.get().await(target, Duration.ofSeconds(timeoutSeconds));
        if (awaited.isEmpty()) {
            console.out().printf("no command for %s on %s%n", target.target(), target.controlTopic());
            return 1;
        }
        RolloutStatus.Report report = awaited.get();
        ModelCommand command = report.command();
        console.out().printf(Locale.ROOT, "%s %s to %s (sequence %d, requested %s by %s)%n", command.getAction(),
                command.getModelId(), target.target(), command.getSequence(), command.getRequestedTime(),
                command.getRequestedBy());
        if (report.instances().isEmpty()) {
            console.out().printf("no instance answered within %d s%n", timeoutSeconds);
            return 1;
        }
        for (RolloutStatus.InstanceState instance : report.instances()) {
            console.out().printf(Locale.ROOT, "  %-24s %-9s %s%s%n", instance.instance(), instance.state(),
                    instance.time(), instance.reason() == null ? "" : "  " + instance.reason());
        }
        boolean ok = report.allActive();
        console.out().println(ok ? "serving on every instance that answered" : "NOT serving everywhere");
        return ok ? 0 : 1;
    }
}
