package io.leadscorer.sandbox.demo;

import io.leadscorer.avro.ModelAction;
import io.leadscorer.avro.ModelCommand;
import io.leadscorer.avro.RolloutEvidence;
import io.leadscorer.avro.RolloutPolicy;
import io.leadscorer.avro.ShadowModel;
import io.leadscorer.trainer.publish.ModelRef;
import io.leadscorer.trainer.publish.NextCommand;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The demo's model changes, each sent once the one before it has been decided, as an operator would: the first model
 * made the deployment's live model; at a tenth of the stream the broken model (trained on shuffled labels) goes into
 * shadow, where the monitor should end it; then the second model goes into shadow, where the monitor should promote
 * it; then the broken model is deployed directly, and the guard should roll it back to the second. The commands are
 * composed by the trainer's own {@link NextCommand}, with the demo's policy; the monitor's decisions come back through
 * the {@link RolloutWatch}.
 */
final class DemoRollouts {

    static final String REQUESTED_BY = "lead-scorer demo";
    private static final double BROKEN_SHADOW_AT = 0.1;

    private enum Step { START, LIVE, BROKEN_IN_SHADOW, CANDIDATE_IN_SHADOW, BROKEN_DEPLOYED, DONE }

    private final DemoModels.Models models;
    private final RolloutWatch watch;
    private final ModelDeployer sender;
    private final RolloutPolicy policy;
    private Step step = Step.START;
    private int reported;
    private ModelCommand awaiting;

    DemoRollouts(DemoModels.Models models, RolloutWatch watch, ModelDeployer sender, RolloutPolicy policy) {
        this.models = models;
        this.watch = watch;
        this.sender = sender;
        this.policy = policy;
    }

    /** Takes the next step if its time has come; returns a line for every command written since the last call. */
    List<String> advance(double sentShare) {
        Optional<ModelCommand> latest = watch.latest();
        boolean settled = awaiting == null || latest.map(c -> c.getSequence() >= awaiting.getSequence()).orElse(false);
        if (settled) {
            switch (step) {
                case START -> send(next -> next.deploy(ModelRef.of(models.first())), Step.LIVE);
                case LIVE -> {
                    if (sentShare >= BROKEN_SHADOW_AT) {
                        send(next -> next.shadow(ModelRef.of(models.broken())), Step.BROKEN_IN_SHADOW);
                    }
                }
                case BROKEN_IN_SHADOW -> latest.filter(c -> decided(c, ModelAction.END_SHADOW, ModelAction.PROMOTE))
                        .ifPresent(c -> send(next -> next.shadow(ModelRef.of(models.second())),
                                Step.CANDIDATE_IN_SHADOW));
                case CANDIDATE_IN_SHADOW -> latest.filter(c -> decided(c, ModelAction.PROMOTE, ModelAction.END_SHADOW))
                        .ifPresent(c -> {
                            if (c.getAction() == ModelAction.PROMOTE) {
                                send(next -> next.deploy(ModelRef.of(models.broken())), Step.BROKEN_DEPLOYED);
                            } else {
                                step = Step.DONE;
                            }
                        });
                case BROKEN_DEPLOYED -> latest.filter(c -> decided(c, ModelAction.ROLLBACK))
                        .ifPresent(c -> step = Step.DONE);
                case DONE -> { }
            }
        }
        List<String> lines = new ArrayList<>();
        List<ModelCommand> commands = watch.commands();
        for (; reported < commands.size(); reported++) {
            lines.add(describe(commands.get(reported)));
        }
        return lines;
    }

    private static boolean decided(ModelCommand command, ModelAction... actions) {
        if (command.getEvidence() == null) {
            return false;
        }
        for (ModelAction action : actions) {
            if (command.getAction() == action) {
                return true;
            }
        }
        return false;
    }

    private void send(Function<NextCommand, ModelCommand> compose, Step then) {
        NextCommand next = new NextCommand(watch.latest(), Demo.APPLICATION_ID, policy, Instant.now(), REQUESTED_BY,
                false);
        awaiting = sender.send(compose.apply(next));
        step = then;
    }

    /** The deployment's live and shadow models as its latest command states them, for the live view. */
    String serving() {
        return watch.latest().map(c -> "live " + name(c.getModelId()) + (c.getShadow() == null ? ", no shadow"
                : ", " + name(c.getShadow().getModelId()) + " in shadow as " + c.getShadow().getRole()))
                .orElse("no command yet");
    }

    /** Whether the broken model was ever made live by a promotion (it must not be). */
    boolean brokenPromoted() {
        return watch.commands().stream().anyMatch(c -> c.getAction() == ModelAction.PROMOTE
                && c.getModelId().equals(models.broken().modelId()));
    }

    /** Whether the broken model is live at the end (deployed and not rolled back). */
    boolean brokenLive() {
        return watch.latest().map(c -> c.getModelId().equals(models.broken().modelId())).orElse(false);
    }

    /** Every command of the run, in order, with the evidence of the monitor's decisions, for the JSON summary. */
    List<Map<String, Object>> record() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ModelCommand command : watch.commands()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("action", command.getAction().name());
            row.put("live", command.getModelId());
            ShadowModel shadow = command.getShadow();
            row.put("shadow", shadow == null ? null : shadow.getModelId() + " (" + shadow.getRole() + ")");
            row.put("requested_by", command.getRequestedBy());
            row.put("time", command.getRequestedTime().toString());
            RolloutEvidence evidence = command.getEvidence();
            if (evidence != null) {
                Map<String, Object> why = new LinkedHashMap<>();
                why.put("metric", evidence.getMetric().name());
                why.put("live_model", evidence.getLiveModel());
                why.put("challenger_model", evidence.getChallengerModel());
                why.put("labelled", evidence.getLabelled());
                why.put("positives", evidence.getPositives());
                why.put("live_value", evidence.getLiveValue());
                why.put("challenger_value", evidence.getChallengerValue());
                why.put("improvement", evidence.getImprovement());
                why.put("lower", evidence.getLower());
                why.put("upper", evidence.getUpper());
                why.put("score_psi", evidence.getScorePsi());
                why.put("scored", evidence.getScored());
                why.put("failed", evidence.getFailed());
                why.put("error_rate", evidence.getErrorRate());
                why.put("reason", evidence.getReason());
                row.put("evidence", why);
            }
            rows.add(row);
        }
        return rows;
    }

    /** The line the live view prints for a command. */
    private String describe(ModelCommand command) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s by %s: live %s", command.getAction(),
                command.getRequestedBy(), name(command.getModelId())));
        ShadowModel shadow = command.getShadow();
        if (shadow != null) {
            line.append(String.format(Locale.ROOT, ", %s in shadow as %s", name(shadow.getModelId()),
                    shadow.getRole()));
        }
        if (command.getEvidence() != null) {
            line.append(" -- ").append(command.getEvidence().getReason());
        }
        return line.toString();
    }

    /** A model id with what the demo made it for. */
    private String name(String modelId) {
        if (modelId.equals(models.first().modelId())) {
            return modelId + " (first)";
        }
        if (modelId.equals(models.second().modelId())) {
            return modelId + " (second)";
        }
        if (modelId.equals(models.broken().modelId())) {
            return modelId + " (broken)";
        }
        return modelId;
    }
}
