package io.leadscorer.sandbox.demo;

import io.leadscorer.model.bundle.Bundle;
import io.leadscorer.simulator.csv.LabelShuffle;
import io.leadscorer.simulator.csv.LeadCsvWriter;
import io.leadscorer.simulator.world.MqlWorld;
import io.leadscorer.trainer.TrainerApplication;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The three models of the demo, trained with the trainer's own command on simulated leads of one world and published
 * to the model store: the first serves from the start (trained on half the profile's leads); the second, trained on
 * all of them on an independent sample, is the candidate a rollout should promote; the broken one is trained like the
 * first but on leads whose labels were shuffled among them (a bad export), the candidate a rollout must never promote.
 * Their ids are remembered in the store ({@code .demo-models}), so the next run reuses them.
 */
public final class DemoModels {

    static final String MARKER = ".demo-models";
    private static final long FIRST_SAMPLE_SEED = 11;
    private static final long SECOND_SAMPLE_SEED = 12;
    private static final long BROKEN_SAMPLE_SEED = 13;
    private static final long LABEL_SHUFFLE_SEED = 1;

    /** The three bundles, and whether they were trained by this run. */
    public record Models(Bundle first, Bundle second, Bundle broken, boolean trained) {
    }

    private final Path store;
    private final TrainingProfile profile;
    private final PrintStream out;

    public DemoModels(Path store, TrainingProfile profile, PrintStream out) {
        this.store = store;
        this.profile = profile;
        this.out = out;
    }

    /** The remembered models when all three still open (unless {@code fresh}), else newly trained ones. */
    public Models ensure(boolean fresh) {
        if (!fresh) {
            Optional<Models> kept = remembered();
            if (kept.isPresent()) {
                return kept.get();
            }
        }
        try {
            Files.createDirectories(store);
            Path work = Files.createTempDirectory("lead-scorer-demo-training-");
            try {
                Bundle first = train("first", FIRST_SAMPLE_SEED, profile.rows() / 2, false, 1, work);
                Bundle second = train("second", SECOND_SAMPLE_SEED, profile.rows(), false, 2, work);
                Bundle broken = train("broken", BROKEN_SAMPLE_SEED, profile.rows() / 2, true, 3, work);
                remember(first, second, broken);
                return new Models(first, second, broken, true);
            } finally {
                deleteTree(work);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not train the demo's models in " + store, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while training", e);
        }
    }

    private Optional<Models> remembered() {
        Path marker = store.resolve(MARKER);
        if (!Files.isRegularFile(marker)) {
            return Optional.empty();
        }
        Properties ids = new Properties();
        try (var in = Files.newBufferedReader(marker)) {
            ids.load(in);
            Bundle first = Bundle.open(store.resolve(ids.getProperty("first", "")));
            Bundle second = Bundle.open(store.resolve(ids.getProperty("second", "")));
            Bundle broken = Bundle.open(store.resolve(ids.getProperty("broken", "")));
            out.printf("models: reusing %s, %s and %s from %s (--fresh retrains)%n", first.modelId(), second.modelId(),
                    broken.modelId(), store);
            return Optional.of(new Models(first, second, broken, false));
        } catch (IOException | RuntimeException e) {
            out.println("models: the remembered models in " + store + " cannot be used (" + e.getMessage() + "); training new ones");
            return Optional.empty();
        }
    }

    private Bundle train(String which, long sampleSeed, long rows, boolean shuffledLabels, int trainerSeed, Path work)
            throws IOException, InterruptedException {
        Path csv = work.resolve(which + ".csv");
        try (LeadCsvWriter writer = LeadCsvWriter.open(csv, LeadCsvWriter.defaultOracleFile(csv))) {
            writer.write(MqlWorld.create(sampleSeed), 0, rows, Runtime.getRuntime().availableProcessors());
        }
        if (shuffledLabels) {
            LabelShuffle.shuffle(csv, LABEL_SHUFFLE_SEED);
        }
        out.printf("models: training the %s model on %,d simulated leads%s (%s profile) into %s%n", which, rows,
                shuffledLabels ? " with their labels shuffled" : "", profile.name(), store);
        List<String> args = new ArrayList<>(List.of("train", "--data", csv.toString(), "--store", store.toString(),
                "--seed", Integer.toString(trainerSeed)));
        args.addAll(profile.flags());
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int exit;
        try (PrintStream both = new PrintStream(new Tee(captured, out), true, StandardCharsets.UTF_8)) {
            exit = TrainerApplication.run(args.toArray(String[]::new), both, out);
        }
        String[] lines = captured.toString(StandardCharsets.UTF_8).strip().split("\\R");
        if (exit != 0 || lines.length == 0) {
            throw new IllegalStateException("training the " + which + " model failed (trainer exit " + exit + ")");
        }
        return Bundle.open(Path.of(lines[lines.length - 1].strip()));
    }

    private void remember(Bundle first, Bundle second, Bundle broken) throws IOException {
        Properties ids = new Properties();
        ids.setProperty("first", first.dir().getFileName().toString());
        ids.setProperty("second", second.dir().getFileName().toString());
        ids.setProperty("broken", broken.dir().getFileName().toString());
        Path marker = store.resolve(MARKER);
        Path staging = store.resolve(MARKER + ".tmp");
        try (var writer = Files.newBufferedWriter(staging)) {
            ids.store(writer, "the models of ./lead-scorer demo, reused by the next run");
        }
        Files.move(staging, marker, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** Writes to two streams at once (the trainer's stdout: shown, and kept for the bundle path on its last line). */
    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            first.flush();
            second.flush();
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
