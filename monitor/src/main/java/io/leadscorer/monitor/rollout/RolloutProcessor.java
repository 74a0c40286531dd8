package io.leadscorer.monitor.rollout;

import io.leadscorer.avro.ModelCommand;
import io.leadscorer.avro.RolloutPolicy;
import io.leadscorer.monitor.metrics.MonitorMetrics;
import io.leadscorer.schemas.serde.RegistryUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deployment-keyed half of the rollout. It keeps the deployment's latest command (anything not newer is ignored,
 * as the scorers ignore it), the labelled pairs of the trial that command states (by lead id, so relabelled and
 * replayed leads overwrite their pair), the two models' score drift and, during a guard, the leads the new model
 * failed to score (by the input each came from, so a dead letter read twice counts once) beside the leads it scored
 * since the command (its cumulative scored count less the count when the command was followed); every evaluate
 * interval it judges the trial on the command's policy (or the defaults) and writes a decision to the control topic.
 * A decision is kept as the latest command at once, in the same transaction as its record, so the next judgment is of the state it made and a
 * replayed older command or fact can never decide the same trial twice.
 */
public final class RolloutProcessor implements Processor<String, RolloutInput, String, ModelCommand> {

    private static final Logger LOG = LoggerFactory.getLogger(RolloutProcessor.class);

    /**
     * The deployment judged, how commands are read and written, how often, the default policy and the stores: the
     * failed leads of the guarded model by input, and its scored count when the guard's command was followed.
     */
    public record Settings(String deployment, String controlTopic, Serde<ModelCommand> commandSerde,
                           Duration evaluateInterval, RolloutPolicy defaults, String commandStore, String pairStore,
                           String driftStore, String failureStore, String scoredBeforeStore) {
    }

    private final Settings settings;
    private final MonitorMetrics metrics;

    private ProcessorContext<String, ModelCommand> context;
    private KeyValueStore<String, byte[]> commands;
    private KeyValueStore<String, PairFact> pairs;
    private KeyValueStore<String, ScoreDrift> drifts;
    private KeyValueStore<String, String> failures;
    private KeyValueStore<String, Long> scoredBefore;
    private ModelCommand latest;
    private boolean changed = true;

    public RolloutProcessor(Settings settings, MonitorMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, ModelCommand> context) {
        this.context = context;
        this.commands = context.getStateStore(settings.commandStore());
        this.pairs = context.getStateStore(settings.pairStore());
        this.drifts = context.getStateStore(settings.driftStore());
        this.failures = context.getStateStore(settings.failureStore());
        this.scoredBefore = context.getStateStore(settings.scoredBeforeStore());
        context.schedule(settings.evaluateInterval(), PunctuationType.WALL_CLOCK_TIME, this::evaluate);
    }

    @Override
    public void process(Record<String, RolloutInput> record) {
        RolloutInput input = record.value();
        if (input == null) {
            return;
        }
        if (input.command() != null) {
            onCommand(input.command());
        } else if (input.pair() != null) {
            onPair(input.pair());
        } else if (input.drift() != null) {
            onDrift(input.drift());
        } else if (input.failure() != null) {
            onFailure(input.failure());
        }
    }

    private void onCommand(byte[] wire) {
        ModelCommand command;
        try {
            command = settings.commandSerde().deserializer().deserialize(settings.controlTopic(), wire);
        } catch (RegistryUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            metrics.input("command", "undecodable");
            LOG.warn("Skipping a control record of {} that cannot be read: {}", settings.deployment(), e.getMessage());
            return;
        }
        Optional<ModelCommand> current = current();
        if (current.isPresent() && command.getSequence() <= current.get().getSequence()) {
            metrics.input("command", "not_newer");
            return;
        }
        metrics.input("command", "followed");
        follow(command, wire);
    }

    /** Makes the command the current one, keeping only the pairs and drift of the trial it states. */
    private void follow(ModelCommand command, byte[] wire) {
        commands.put(settings.deployment(), wire);
        latest = command;
        Optional<Trial> trial = Trial.of(command, policyOf(command));
        Set<String> models = trial.map(t -> Set.of(t.liveModel(), t.shadowModel())).orElse(Set.of());
        List<String> stale = new ArrayList<>();
        try (KeyValueIterator<String, PairFact> all = pairs.all()) {
            all.forEachRemaining(entry -> {
                if (trial.flatMap(entry.value::pairedFor).isEmpty()) {
                    stale.add(entry.key);
                }
            });
        }
        stale.forEach(pairs::delete);
        List<String> otherModels = new ArrayList<>();
        try (KeyValueIterator<String, ScoreDrift> all = drifts.all()) {
            all.forEachRemaining(entry -> {
                if (!models.contains(entry.key)) {
                    otherModels.add(entry.key);
                }
            });
        }
        otherModels.forEach(drifts::delete);
        startErrorCount(trial);
        changed = true;
    }

    /** Counts the guarded model's failed and scored leads from the command on; nothing outside a guard. */
    private void startErrorCount(Optional<Trial> trial) {
        List<String> counted = new ArrayList<>();
        try (KeyValueIterator<String, String> all = failures.all()) {
            all.forEachRemaining(entry -> counted.add(entry.key));
        }
        counted.forEach(failures::delete);
        List<String> baselines = new ArrayList<>();
        try (KeyValueIterator<String, Long> all = scoredBefore.all()) {
            all.forEachRemaining(entry -> baselines.add(entry.key));
        }
        baselines.forEach(scoredBefore::delete);
        trial.filter(Trial::isGuard).ifPresent(guard -> {
            ScoreDrift sofar = drifts.get(guard.challenger());
            scoredBefore.put(guard.challenger(), sofar == null ? 0L : sofar.scored());
        });
    }

    private void onPair(PairFact pair) {
        Optional<Trial> trial = trial();
        if (trial.isPresent() && pair.pairedFor(trial.get()).isPresent()) {
            pairs.put(pair.leadId(), pair);
            changed = true;
        }
    }

    private void onDrift(ScoreDrift drift) {
        Optional<Trial> trial = trial();
        if (trial.isPresent() && (drift.modelId().equals(trial.get().liveModel())
                || drift.modelId().equals(trial.get().shadowModel()))) {
            drifts.put(drift.modelId(), drift);
            changed = true;
        }
    }

    private void onFailure(ScoringFailure failure) {
        Optional<Trial> trial = trial();
        if (trial.isPresent() && trial.get().isGuard() && failure.modelId().equals(trial.get().challenger())
                && failures.get(failure.input()) == null) {
            failures.put(failure.input(), failure.modelId());
            changed = true;
        }
    }

    /** The guarded model's failed leads and the leads it scored since its guard's command. */
    private ScoringErrors scoringErrors(String model) {
        long[] failed = {0};
        try (KeyValueIterator<String, String> all = failures.all()) {
            all.forEachRemaining(entry -> failed[0] += model.equals(entry.value) ? 1 : 0);
        }
        ScoreDrift drift = drifts.get(model);
        Long before = scoredBefore.get(model);
        long scored = drift == null ? 0 : Math.max(0, drift.scored() - (before == null ? 0 : before));
        return new ScoringErrors(model, scored, failed[0]);
    }

    private void evaluate(long now) {
        Optional<ModelCommand> current = current();
        if (current.isEmpty()) {
            return;
        }
        RolloutPolicy policy = policyOf(current.get());
        Optional<Trial> found = Trial.of(current.get(), policy);
        if (found.isEmpty()) {
            return;
        }
        Trial trial = found.get();
        boolean over = now >= trial.deadline();
        if ((trial.isGuard() && over) || (!changed && !over)) {
            return;
        }
        changed = false;
        List<PairedScore> compared = new ArrayList<>();
        try (KeyValueIterator<String, PairFact> all = pairs.all()) {
            all.forEachRemaining(entry -> entry.value.pairedFor(trial).ifPresent(compared::add));
        }
        metrics.pairsCompared(compared.size());
        Verdict verdict = RolloutJudge.judge(trial, policy, compared,
                Optional.ofNullable(drifts.get(trial.challenger())), Optional.ofNullable(drifts.get(trial.baseline())),
                trial.isGuard() ? Optional.of(scoringErrors(trial.challenger())) : Optional.empty(), now);
        if (!verdict.decided()) {
            return;
        }
        ModelCommand decision = RolloutCommands.of(verdict, current.get(), policy, now);
        follow(decision, settings.commandSerde().serializer().serialize(settings.controlTopic(), decision));
        context.forward(new Record<>(settings.deployment(), decision, now));
        metrics.decision(decision.getAction().name());
        LOG.info("{} of {}: {} (sequence {})", decision.getAction(), settings.deployment(),
                verdict.evidence().getReason(), decision.getSequence());
    }

    private Optional<ModelCommand> current() {
        if (latest == null) {
            byte[] wire = commands.get(settings.deployment());
            latest = wire == null ? null
                    : settings.commandSerde().deserializer().deserialize(settings.controlTopic(), wire);
        }
        return Optional.ofNullable(latest);
    }

    private Optional<Trial> trial() {
        return current().flatMap(command -> Trial.of(command, policyOf(command)));
    }

    private RolloutPolicy policyOf(ModelCommand command) {
        return command.getPolicy() == null ? settings.defaults() : command.getPolicy();
    }
}
