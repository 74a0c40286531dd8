package io.leadscorer.trainer.cli;

import io.micronaut.context.annotation.Prototype;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The `trainer` command: train a bundle, evaluate one, or compare baselines. */
@Prototype
@Command(name = "trainer", mixinStandardHelpOptions = true,
        description = "Trains, evaluates and benchmarks lead-scoring BERT classifiers.",
        subcommands = {TrainCommand.class, EvaluateCommand.class, BaselinesCommand.class})
public class TrainerCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
