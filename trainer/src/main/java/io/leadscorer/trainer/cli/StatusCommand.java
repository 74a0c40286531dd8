package io.leadscorer.trainer.cli;

import io.leadscorer.avro.ModelCommand;
import io.leadscorer.trainer.config.PublishSettings;
import io.leadscorer.trainer.publish.CommandText;
import io.leadscorer.trainer.publish.RolloutStatus;
import io.micronaut.context.annotation.Prototype;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * `status`: the deployment's state as its newest command states it (live model, shadow model, pin, policy, the last
 * automatic decision's evidence) and each scorer instance's answer for each model of it. Exit 0 when every instance
 * that answered serves every model it should, 1 when one REJECTED a model or none answered within the timeout.
 */
@Prototype
@Command(name = "status", mixinStandardHelpOptions = true, defaultValueProvider = SettingDefaults.class,
        description = "Shows the deployment's live and shadow models, pin and policy, and per scorer instance the state "
                + "of each model; non-zero exit when an instance rejected one or none answered in time.")
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
    Clock clock;

    @Inject
    Console console;

    @Override
    public Integer call() throws InterruptedException {
        PublishSettings target = publishSettings.get();
        Optional<RolloutStatus.Report> awaited = rollout.get().await(target, Duration.ofSeconds(timeoutSeconds));
        PrintStream out = console.out();
        if (awaited.isEmpty()) {
            out.printf("no command for %s on %s%n", target.target(), target.controlTopic());
            return 1;
        }
        RolloutStatus.Report report = awaited.get();
        ModelCommand command = report.command();
        Instant now = clock.instant();
        out.printf(Locale.ROOT, "%s %s to %s (sequence %d, requested %s by %s)%n", command.getAction(),
                CommandText.subject(command), target.target(), command.getSequence(), command.getRequestedTime(),
                command.getRequestedBy());
        out.printf("  %-9s %s%n", "live", command.getModelId());
        out.printf("  %-9s %s%n", "shadow", CommandText.shadow(command.getShadow(), now));
        out.printf("  %-9s %s%n", "pinned", command.getPinned() ? "yes, " + CommandText.pin(command) : "no");
        out.printf("  %-9s %s%n", "policy", CommandText.policy(command.getPolicy()));
        report.lastDecision().ifPresent(decision -> out.printf("  %-9s %s at %s: %s%n", "decision",
                decision.getAction(), decision.getRequestedTime(), CommandText.evidence(decision.getEvidence())));
        if (report.answers().isEmpty()) {
            out.printf("no instance answered within %d s%n", timeoutSeconds);
            return 1;
        }
        for (Map.Entry<String, Map<String, RolloutStatus.Answer>> instance : report.byInstance().entrySet()) {
            for (String modelId : modelsInOrder(report.expectedModels(), instance.getValue())) {
                RolloutStatus.Answer answer = instance.getValue().get(modelId);
                if (answer == null) {
                    out.printf(Locale.ROOT, "  %-24s %-32s %-6s %-9s%n", instance.getKey(), modelId, "-", "no answer");
                    continue;
                }
                out.printf(Locale.ROOT, "  %-24s %-32s %-6s %-9s %s%s%n", instance.getKey(), modelId,
                        answer.role() == null ? "-" : answer.role(), answer.state(), answer.time(),
                        answer.reason() == null ? "" : "  " + answer.reason());
            }
        }
        boolean ok = report.allActive();
        out.println(ok ? "serving on every instance that answered" : "NOT serving everywhere");
        return ok ? 0 : 1;
    }

    /** The models the instance should serve first, live then shadow, then any other it answered about. */
    private static List<String> modelsInOrder(List<String> expected, Map<String, RolloutStatus.Answer> answered) {
        List<String> models = new ArrayList<>(expected);
        answered.keySet().stream().filter(id -> !expected.contains(id)).forEach(models::add);
        return models;
    }
}
