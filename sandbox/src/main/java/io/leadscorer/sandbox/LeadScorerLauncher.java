package io.leadscorer.sandbox;

import io.leadscorer.monitor.MonitorApplication;
import io.leadscorer.monitor.cli.QualityCommand;
import io.leadscorer.sandbox.demo.DemoCommand;
import io.leadscorer.scorer.ScorerApplication;
import io.leadscorer.simulator.SimulatorCli;
import io.leadscorer.trainer.TrainerApplication;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;

/**
 * The Java side of {@code ./lead-scorer}: one class path with trainer, scorer and simulator, and a subcommand that
 * picks which of them runs. {@code demo} is the sandbox's own; the trainer's commands ({@code train},
 * {@code evaluate}, {@code baselines} and the operator commands {@code deploy}, {@code shadow}, {@code promote},
 * {@code end-shadow}, {@code rollback}, {@code status}, {@code models}),
 * the scorer service ({@code score}), the monitor service ({@code monitor}) and its report ({@code quality}), the
 * simulator ({@code simulate csv|oracle|ceiling|produce}) run as they would on
 * their own, each with its module's application.yml and logging configuration.
 */
public final class LeadScorerLauncher {

    static final Set<String> TRAINER_COMMANDS = Set.of("train", "evaluate", "baselines", "deploy", "shadow", "promote",
            "end-shadow", "rollback", "status", "models");

    static final String USAGE = """
            Usage: ./lead-scorer COMMAND [OPTIONS]      (COMMAND --help for its options)

            The whole system on this machine:
              demo        Kafka, a Schema Registry, two trained models, scorer instances and a live stream of
                          simulated leads in one JVM; a live view, a summary and one JSON line

            Models (the trainer):
              train       train a classifier on a labelled lead CSV and publish it to a model store; --publish
                          sends it into shadow (the first model of a deployment goes live)
              evaluate    score a labelled CSV with a bundle; JSON metrics on the last line
              baselines   logistic regression and XGBoost on the same split, for comparison
              deploy      make a bundle live at once (the replaced model stays in shadow for the guard)
              shadow      score a bundle beside the live model as a candidate, for the monitor to judge
              promote     make the shadow candidate live
              end-shadow  stop scoring the shadow model; the live model stays
              rollback    return to an earlier model and pin it (deploy, shadow, promote refuse until --unpin)
              status      the deployment's live and shadow models, pin, policy, and each scorer instance's state
              models      list a model store's bundles and where each is in use; --prune removes old ones

            Scoring:
              score       the scorer service (settings from environment variables; score --help lists them)

            Live quality:
              monitor     the monitor service: joins outcomes to scores, each model's live quality and input drift
              quality     each model's live quality as the monitor last wrote it (--model ID for one)

            Simulated data:
              simulate    csv | oracle | ceiling | produce: training CSVs, the oracle F1, the id-effect ceiling,
                          a live Avro event stream
            """;

    static final String SCORE_HELP = """
            Usage: ./lead-scorer score

            Runs the scorer service: Kafka Streams from the input topic to the scores topic, micro-batches through the
            model, dead letters, the control topic for hot swaps; HTTP /health and /prometheus. Settings come from the
            scorer's application.yml and these environment variables (among others listed there):
              KAFKA_BOOTSTRAP_SERVERS     Kafka, default localhost:9092
              SCHEMA_REGISTRY_URL         Schema Registry, default http://localhost:8081
              SCORER_INITIAL_BUNDLE       model bundle directory to serve at start
              SCORER_MODEL_STORE          model store the control topic's bundles must live in
              SCORER_DEVICE               auto | cpu | gpu | gpu:N
              SCORER_BATCH_SIZE           leads per forward pass, default 32
              SCORER_BATCH_MAX_WAIT       longest wait of a buffered lead, default 50ms
              SCORER_APPLICATION_ID       consumer group and control key, default lead-scorer
              SCORER_HTTP_PORT            HTTP port, default 8080
            """;

    static final String MONITOR_HELP = """
            Usage: ./lead-scorer monitor

            Runs the monitor service: Kafka Streams joining outcomes (mql.outcomes) to scores (mql.scores) by lead id,
            each model's live quality per window and since it first scored, input and score drift against the bundle's
            training distribution, written to lead-scorer.quality; HTTP /health and /prometheus. Settings come from
            the monitor's application.yml and these environment variables (among others listed there):
              KAFKA_BOOTSTRAP_SERVERS            Kafka, default localhost:9092
              SCHEMA_REGISTRY_URL                Schema Registry, default http://localhost:8081
              MONITOR_MODEL_STORE                model store (read-only) with the bundles' reference.json, default /models
              MONITOR_LABELS_HORIZON             how long after a lead an outcome counts, default 90d
              MONITOR_LABELS_IMPLICIT_NEGATIVES  true: no outcome by the horizon is a negative, default false
              MONITOR_QUALITY_WINDOW             tumbling window of the figures, default 1h
              MONITOR_APPLICATION_ID             consumer group and state, default lead-scorer-monitor
              MONITOR_HTTP_PORT                  HTTP port, default 8082
            """;

    private LeadScorerLauncher() {
    }

    public static void main(String[] args) {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        String command = args.length == 0 ? "--help" : args[0];
        String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        if (TRAINER_COMMANDS.contains(command)) {
            logWith(ModuleResource.of(TrainerApplication.class, "logback.xml").toString());
            TrainerApplication.main(args);
        } else if (command.equals("demo")) {
            System.setProperty("lead-scorer.log", System.getProperty("lead-scorer.log",
                    Path.of(System.getProperty("user.home"), ".lead-scorer", "demo.log").toString()));
            logWith("io/leadscorer/sandbox/logback-demo.xml");
            int exit;
            try {
                exit = new CommandLine(new DemoCommand()).setCommandName("./lead-scorer demo").execute(rest);
            } catch (Throwable e) {
                // picocli rethrows errors; threads of the embedded broker must not keep the JVM alive after one
                e.printStackTrace();
                exit = 1;
            }
            System.exit(exit);
        } else if (command.equals("score")) {
            if (List.of(rest).contains("--help") || List.of(rest).contains("-h")) {
                System.out.print(SCORE_HELP);
                return;
            }
            logWith(ModuleResource.of(ScorerApplication.class, "logback.xml").toString());
            score(rest);
        } else if (command.equals("monitor")) {
            if (List.of(rest).contains("--help") || List.of(rest).contains("-h")) {
                System.out.print(MONITOR_HELP);
                return;
            }
            logWith(ModuleResource.of(MonitorApplication.class, "logback.xml").toString());
            monitor(rest);
        } else if (command.equals("quality")) {
            System.exit(QualityCommand.run(rest));
        } else if (command.equals("simulate")) {
            SimulatorCli.main(rest);
        } else if (command.equals("--help") || command.equals("-h") || command.equals("help")) {
            System.out.print(USAGE);
        } else {
            System.err.println("Unknown command '" + command + "'");
            System.err.print(USAGE);
            System.exit(2);
        }
    }

    /**
     * Starts the scorer service as {@code ./lead-scorer score} does: the scorer's application.yml, environment
     * variables, and {@code --name=value} arguments on top; the trainer's beans stay out.
     */
    static ApplicationContext score(String... args) {
        return Micronaut.build(args).mainClass(ScorerApplication.class)
                .propertySources(ScorerConfiguration.applicationYml())
                .properties(ScorerConfiguration.TRAINER_DISABLED).start();
    }

    /**
     * Starts the monitor service as {@code ./lead-scorer monitor} does: its own application.yml, environment on top,
     * and {@code --name=value} arguments over both.
     */
    public static ApplicationContext monitor(String... args) {
        return Micronaut.build(args).mainClass(MonitorApplication.class)
                .propertySources(ModuleResource.applicationYml(MonitorApplication.class))
                .properties(ScorerConfiguration.TRAINER_DISABLED).start();
    }

    private static void logWith(String configuration) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", configuration);
        }
    }
}
