package io.leadscorer.trainer.publish;

import io.leadscorer.avro.ModelCommand;
import io.leadscorer.avro.ModelState;
import io.leadscorer.avro.ModelStatus;
import io.leadscorer.avro.ServingRole;
import io.leadscorer.trainer.config.PublishSettings;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * How the newest control command of a deployment is rolling out: for every scorer instance that has answered it on
 * the status topic, its latest state for each model of the command, live and shadow. A status answers the command
 * when it carries the command's sequence, or, from a scorer older than sequences in statuses, when it names the
 * command's live model and is no older than the command. Waits until each answering instance has reached ACTIVE or
 * REJECTED for every model it should serve, or the timeout.
 */
@Singleton
public final class RolloutStatus {

    private static final Duration PAUSE = Duration.ofMillis(500);

    private final Clock clock;

    public RolloutStatus(Clock clock) {
        this.clock = clock;
    }

    /** One instance's answer about one model. */
    public record Answer(String instance, String modelId, ServingRole role, ModelState state, String reason,
                         Instant time) {
        boolean settled() {
            return state == ModelState.ACTIVE || state == ModelState.REJECTED;
        }
    }

    /**
     * The command, the newest automatic decision on the topic, the models an instance should serve (the live model,
     * and the shadow model while its time lasts), and the answers so far.
     */
    public record Report(ModelCommand command, Optional<ModelCommand> lastDecision, List<String> expectedModels,
                         List<Answer> answers) {

        /** The instances that answered, each with its answers by model. */
        public Map<String, Map<String, Answer>> byInstance() {
            Map<String, Map<String, Answer>> byInstance = new TreeMap<>();
            answers.forEach(a -> byInstance.computeIfAbsent(a.instance(), i -> new TreeMap<>()).put(a.modelId(), a));
            return byInstance;
        }

        /** At least one instance answered, and each one that did has settled on every model it should serve. */
        public boolean settled() {
            return !answers.isEmpty() && byInstance().values().stream().allMatch(models ->
                    expectedModels.stream().allMatch(id -> models.containsKey(id) && models.get(id).settled()));
        }

        /** At least one instance answered, and each one that did serves every model it should. */
        public boolean allActive() {
            return !answers.isEmpty() && byInstance().values().stream().allMatch(models -> expectedModels.stream()
                    .allMatch(id -> models.containsKey(id) && models.get(id).state() == ModelState.ACTIVE));
        }
    }

    /** Empty when the deployment has no command; otherwise the answers once settled or when {@code timeout} ran out. */
    public Optional<Report> await(PublishSettings settings, Duration timeout) throws InterruptedException {
        DeploymentCommands commands = DeploymentCommands.read(settings);
        if (commands.latest().isEmpty()) {
            return Optional.empty();
        }
        ModelCommand command = commands.latest().get();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Report report = new Report(command, commands.lastDecision(), expectedModels(command),
                    answers(settings, command));
            if (report.settled() || System.nanoTime() >= deadline) {
                return Optional.of(report);
            }
            Thread.sleep(PAUSE.toMillis());
        }
    }

    private List<String> expectedModels(ModelCommand command) {
        Set<String> models = new LinkedHashSet<>();
        models.add(command.getModelId());
        if (command.getShadow() != null && command.getShadow().getUntil().isAfter(clock.instant())) {
            models.add(command.getShadow().getModelId());
        }
        return List.copyOf(models);
    }

    private static List<Answer> answers(PublishSettings settings, ModelCommand command) {
        Map<String, Map<String, Answer>> latest = new TreeMap<>();
        TopicReader.<ModelStatus>readToEnd(ControlClients.reader(settings, ModelStatus.class), settings.statusTopic(),
                settings.timeout(), record -> {
                    ModelStatus status = record.value();
                    if (status != null && answers(status, command)) {
                        latest.computeIfAbsent(status.getInstance(), i -> new TreeMap<>()).put(status.getModelId(),
                                new Answer(status.getInstance(), status.getModelId(), status.getRole(),
                                        status.getState(), status.getReason(), status.getTime()));
                    }
                });
        List<Answer> answers = new ArrayList<>();
        latest.values().forEach(models -> answers.addAll(models.values()));
        return answers;
    }

    private static boolean answers(ModelStatus status, ModelCommand command) {
        if (status.getSequence() != 0) {
            return status.getSequence() == command.getSequence();
        }
        return status.getModelId().equals(command.getModelId())
                && !status.getTime().isBefore(command.getRequestedTime());
    }
}
