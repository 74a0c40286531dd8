package io.leadscorer.simulator.cli;

import io.leadscorer.simulator.csv.LeadCsvWriter;
import io.leadscorer.simulator.oracle.OracleFiles;
import io.leadscorer.simulator.oracle.OracleReport;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code simulator oracle}: the best F1 that thresholding the true probability reaches on a sample. */
@Command(name = "oracle", mixinStandardHelpOptions = true,
        description = "Prints the best F1 reachable by thresholding the true conversion probability on a simulated CSV (the oracle F1).")
public final class OracleCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "A CSV written by 'simulator csv'.")
    Path csv;

    @Option(names = "--oracle", description = "Its side file of true probabilities (default: FILE.oracle).")
    Path oracle;

    @Override
    public Integer call() throws Exception {
        OracleReport report = OracleFiles.read(csv, oracle != null ? oracle : LeadCsvWriter.defaultOracleFile(csv));
        spec.commandLine().getOut().printf(Locale.ROOT,
                "oracle F1 %.4f at threshold %.4f (precision %.4f, recall %.4f); %d rows, positive rate %.4f%n",
                report.f1(), report.threshold(), report.precision(), report.recall(), report.rows(), report.positiveRate());
        JsonLine.print(spec.commandLine().getOut(), report);
        return 0;
    }
}
