package io.leadscorer.simulator;

import io.leadscorer.simulator.cli.CeilingCommand;
import io.leadscorer.simulator.cli.CsvCommand;
import io.leadscorer.simulator.cli.OracleCommand;
import io.leadscorer.simulator.cli.ProduceCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Entry point of the simulator: {@code csv} writes a training sample with its true probabilities,
 * {@code oracle} gives the best F1 reachable on a sample, {@code ceiling} the part of it a model can reach when it
 * learns the per-id effects from training labels, {@code produce} sends leads to Kafka as Avro events.
 */
@Command(name = "simulator", mixinStandardHelpOptions = true, version = "lead-scorer simulator 0.1.0",
        description = "The synthetic MQL world of lead-scorer: training CSVs, oracle F1, live Avro event load.",
        subcommands = {CsvCommand.class, OracleCommand.class, CeilingCommand.class, ProduceCommand.class})
public final class SimulatorCli implements Runnable {

    private static final String LOGBACK_CONFIG = "logback.configurationFile";

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing a command: csv, oracle, ceiling or produce");
    }

    /** The command line, for embedding and tests (standard output and error can be redirected on it). */
    public static CommandLine commandLine() {
        return new CommandLine(new SimulatorCli());
    }

    public static void main(String[] args) {
        if (System.getProperty(LOGBACK_CONFIG) == null) {
            System.setProperty(LOGBACK_CONFIG, "io/leadscorer/simulator/logback-cli.xml");
        }
        System.exit(commandLine().execute(args));
    }
}
