package io.leadscorer.trainer.testing;

import io.leadscorer.trainer.TrainerApplication;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** One in-JVM run of the trainer command with its exit code and what it wrote to stdout and stderr. */
public record TrainerRun(int exitCode, String out, String err) {

    /**
     * Flags for a network and forest small enough that a training run on a few thousand leads takes seconds,
     * with a learning rate that lets such a network learn something in its one short epoch, and a minimum token
     * frequency of 2 (a few thousand rows hold few values 5 times); everything else (pruning of 5 columns, token
     * dropout, coarse numbers, SAM, both stages) keeps its default.
     */
    public static final List<String> TINY = List.of(
            "--hidden-size", "16", "--layers", "1", "--heads", "2", "--intermediate-size", "32",
            "--epochs", "1", "--batch-size", "32", "--learning-rate", "0.01",
            "--set", "trainer.prune.trees=8", "--set", "trainer.prune.max-depth=8",
            "--set", "trainer.text.vocab-size=3000", "--set", "trainer.text.min-frequency=2");

    public static TrainerRun of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode;
        try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exitCode = TrainerApplication.run(args, outStream, errStream);
        }
        return new TrainerRun(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A run of the command {@code args[0]} with {@link #TINY}, then the rest of {@code args} (which may override it). */
    public static TrainerRun tiny(String... args) {
        List<String> all = new ArrayList<>(List.of(args[0]));
        all.addAll(TINY);
        all.addAll(Arrays.asList(args).subList(1, args.length));
        return of(all.toArray(String[]::new));
    }

    /** {@link #TINY} without the named options (and their values), for a test that sets them itself. */
    public static List<String> tinyWithout(String... options) {
        List<String> flags = new ArrayList<>();
        for (int i = 0; i < TINY.size(); i += 2) {
            if (!Arrays.asList(options).contains(TINY.get(i))) {
                flags.add(TINY.get(i));
                flags.add(TINY.get(i + 1));
            }
        }
        return flags;
    }

    /** The last line of stdout (the bundle path of `train`, the metrics JSON of `evaluate`). */
    public String lastLine() {
        String[] lines = out.strip().split("\\R");
        return lines[lines.length - 1];
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
}
