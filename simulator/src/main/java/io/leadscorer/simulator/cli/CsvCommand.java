package io.leadscorer.simulator.cli;

import io.leadscorer.simulator.csv.LabelShuffle;
import io.leadscorer.simulator.csv.LeadCsvWriter;
import io.leadscorer.simulator.world.MqlWorld;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code simulator csv}: a sample of leads in the competition CSV layout, with the true probabilities beside it. */
@Command(name = "csv", mixinStandardHelpOptions = true,
        description = "Writes a sample of leads in the competition CSV layout and each row's true conversion probability to a side file.")
public final class CsvCommand implements Callable<Integer> {

    /** What the command wrote, printed as JSON on the last line. */
    public record CsvSummary(long rows, long positives, double positiveRate, double seconds, double rowsPerSecond,
                             String csv, String oracle) {
    }

    @Spec
    CommandSpec spec;

    @Mixin
    WorldOptions options;

    @Option(names = "--rows", required = true, description = "Number of leads to write.")
    long rows;

    @Option(names = "--out", required = true, description = "CSV file to write (replaced if it exists).")
    Path out;

    @Option(names = "--oracle-out", description = "Side file of true probabilities (default: the CSV's name + .oracle).")
    Path oracleOut;

    @Option(names = "--threads", description = "Threads that draw leads (default: the number of processors); the output is the same for any number.")
    Integer threads;

    @Option(names = "--shuffle-labels", paramLabel = "SEED",
            description = "Permute the is_converted column among the rows with this seed: labels that say nothing about the leads, as from a broken export (the positive rate stays; the side file keeps the true probabilities).")
    Long shuffleLabels;

    @Override
    public Integer call() throws Exception {
        if (rows < 0) {
            throw new IllegalArgumentException("--rows must not be negative");
        }
        Path oracle = oracleOut != null ? oracleOut : LeadCsvWriter.defaultOracleFile(out);
        MqlWorld world = options.world();
        long started = System.nanoTime();
        long positives;
        try (LeadCsvWriter writer = LeadCsvWriter.open(out, oracle)) {
            writer.write(world, 0, rows, threads != null ? threads : Runtime.getRuntime().availableProcessors());
            positives = writer.positives();
        }
        if (shuffleLabels != null) {
            LabelShuffle.shuffle(out, shuffleLabels);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        CsvSummary summary = new CsvSummary(rows, positives, rows == 0 ? 0 : (double) positives / rows, seconds,
                seconds == 0 ? 0 : rows / seconds, out.toString(), oracle.toString());
        spec.commandLine().getErr().printf(Locale.ROOT, "wrote %d leads (%d converted, %.2f%%) to %s in %.1f s (%.0f rows/s); true probabilities in %s%n",
                rows, positives, 100 * summary.positiveRate(), out, seconds, summary.rowsPerSecond(), oracle);
        JsonLine.print(spec.commandLine().getOut(), summary);
        return 0;
    }
}
