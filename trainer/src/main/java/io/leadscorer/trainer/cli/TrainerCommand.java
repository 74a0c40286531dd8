package io.leadscorer.trainer.cli;

import io.micronaut.context.annotation.Prototype;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The `trainer` command: train a bundle, evaluate one, compare baselines, and the operator commands that deploy a
 * bundle to the scorers or shadow it, promote or end a shadow, roll back and watch the rollout.
 */
@Prototype
@Command(name = "trainer", mixinStandardHelpOptions = true,
        description = "Trains, evaluates and benchmarks lead-scoring BERT classifiers, and deploys them to the scorers.",
        subcommands = {TrainCommand.class, EvaluateCommand.class, BaselinesCommand.class, DeployCommand.class,
                ShadowCommand.class, PromoteCommand.class, EndShadowCommand.class, RollbackCommand.class,
                StatusCommand.class, ModelsCommand.class})
public class TrainerCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
