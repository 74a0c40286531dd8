package io.leadscorer.simulator.cli;

import io.leadscorer.simulator.csv.LeadCsvWriter;
import io.leadscorer.simulator.oracle.CeilingReport;
import io.leadscorer.simulator.oracle.CeilingSample;
import io.leadscorer.simulator.oracle.IdEffectCeiling;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code simulator ceiling}: how much of the oracle F1 a model of the columns can reach when it has to learn
 * the company and owner effects from a training sample (see {@link IdEffectCeiling}).
 */
@Command(name = "ceiling", mixinStandardHelpOptions = true,
        description = "Scores a test sample with the true formula, company quality and owner skill estimated from a training sample's labels (empirical Bayes), and prints its best F1 beside the oracle's and the formula's without id effects.")
public final class CeilingCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    WorldConfigOptions world;

    @Option(names = "--train", required = true, description = "Training CSV written by 'simulator csv' (its side file FILE.oracle is read).")
    Path train;

    @Option(names = "--test", required = true, description = "Test CSV written by 'simulator csv' in the same world (its side file FILE.oracle is read).")
    Path test;

    @Override
    public Integer call() throws Exception {
        CeilingReport report = IdEffectCeiling.of(
                CeilingSample.read(LeadCsvWriter.defaultOracleFile(train), world.config()),
                CeilingSample.read(LeadCsvWriter.defaultOracleFile(test), world.config()));
        spec.commandLine().getOut().printf(Locale.ROOT,
                "best F1 on %d test rows (%.1f%% of them from a company with training rows), latents estimated from %d training rows:%n"
                        + "  oracle (true latents)                 %.4f%n"
                        + "  ceiling: training labels + history    %.4f (%.3f of the oracle)%n"
                        + "  ceiling: training labels only         %.4f (%.3f of the oracle)%n"
                        + "  no company or owner effect            %.4f (%.3f of the oracle)%n",
                report.testRows(), 100 * report.testShareOfTrainedCompany(), report.trainRows(), report.oracleF1(),
                report.labelsAndHistoryF1(), report.labelsAndHistoryF1() / report.oracleF1(), report.labelsF1(),
                report.labelsF1() / report.oracleF1(), report.noIdEffectF1(), report.noIdEffectF1() / report.oracleF1());
        JsonLine.print(spec.commandLine().getOut(), report);
        return 0;
    }
}
