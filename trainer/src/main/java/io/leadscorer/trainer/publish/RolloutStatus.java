package io.leadscorer.trainer.publish;

import io.leadscorer.avro.ModelCommand;
import io.leadscorer.avro.ModelState;
import io.leadscorer.avro.ModelStatus;
import io.leadscorer.trainer.config.PublishSettings;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How the newest control command of a deployment is rolling out: for every scorer instance that has answered it on
 * the status topic (a status for the command's model, no older than the command), its latest state. Waits until each
 * answering instance has reached ACTIVE or REJECTED, or the timeout.
 */
@Singleton
public final class RolloutStatus {

    private static final Duration PAUSE = Duration.ofMillis(500);

    private final ControlPublisher control;

    public RolloutStatus(ControlPublisher control) {
        this.control = control;
    }

    /** One instance's answer. */
    public record InstanceState(String instance, ModelState state, String reason, Instant time) {
        boolean settled() {
            return state == ModelState.ACTIVE || state == ModelState.REJECTED;
        }
    }

    /** The command and the answers so far. */
    public record Report(ModelCommand command, List<InstanceState> instances) {
        /** At least one instance answered and every one that did has settled. */
        public boolean settled() {
            return !instances.isEmpty() && instances.stream().allMatch(InstanceState::settled);
        }

        public boolean allActive() {
            return !instances.isEmpty() && instances.stream().allMatch(i -> i.state() == ModelState.ACTIVE);
        }
    }

    /** Empty when the deployment has no command; otherwise the answers once settled or when {@code timeout} ran out. */
    public Optional<Report> await(PublishSettings settings, Duration timeout) throws InterruptedException {
        Optional<ModelCommand> latest = control.latest(settings);
        if (latest.isEmpty()) {
            return Optional.empty();
        }
        ModelCommand command = latest.get();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Report report = new Report(command, answers(settings, command));
            if (report.settled() || System.nanoTime() >= deadline) {
                return Optional.of(report);
            }
            Thread.sleep(PAUSE.toMillis());
        }
    }

    private static List<InstanceState> answers(PublishSettings settings, ModelCommand command) {
        Map<String, InstanceState> byInstance = new TreeMap<>();
        TopicReader.<ModelStatus>readToEnd(ControlClients.reader(settings, ModelStatus.class), settings.statusTopic(),
                settings.timeout(), record -> {
                    ModelStatus status = record.value();
                    if (status != null && status.getModelId().equals(command.getModelId())
                            && !status.getTime().isBefore(command.getRequestedTime())) {
                        byInstance.put(status.getInstance(), new InstanceState(status.getInstance(), status.getState(),
                                status.getReason(), status.getTime()));
                    }
                });
        return new ArrayList<>(byInstance.values());
    }
}
