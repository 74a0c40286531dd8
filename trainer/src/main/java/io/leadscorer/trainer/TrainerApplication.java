package io.leadscorer.trainer;

import ai.djl.TrainingDivergedException;
import io.leadscorer.model.bundle.BundleException;
import io.leadscorer.trainer.cli.CliOverrides;
import io.leadscorer.trainer.cli.Console;
import io.leadscorer.trainer.cli.TrainCommand;
import io.leadscorer.trainer.cli.TrainerCommand;
import io.leadscorer.trainer.config.IntraOpThreads;
import io.leadscorer.trainer.data.InputException;
import io.leadscorer.trainer.publish.CommandRefused;
import io.leadscorer.trainer.publish.PinnedDeployment;
import io.micronaut.configuration.picocli.MicronautFactory;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.BeanInstantiationException;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.context.exceptions.DependencyInjectionException;
import jakarta.validation.ConstraintViolationException;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.function.Consumer;

/**
 * Entry point of the trainer command. Settings overrides from the command line are turned into property
 * sources first, then a Micronaut context is started and picocli runs the command through it, so that the
 * commands get their settings and services injected. Exit codes: 0 done, 1 failed, 2 bad input, settings or usage
 * (a command the deployment's state does not allow among them), 3 refused because a manual rollback pinned the
 * deployment (`train --publish` still writes its bundle).
 */
public final class TrainerApplication {
    static final int FAILED = 1;
    static final int BAD_INPUT = 2;
    public static final int PINNED = 3;

    private TrainerApplication() {}

    /** The trainer in a JVM of its own: process-wide settings are its to fix, before any command runs. */
    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(run(args, System.out, System.err, TrainerApplication::fixEngineThreads));
    }

    /**
     * Runs one command with the given output streams and returns its exit code, leaving the JVM's process-wide
     * settings as they are: for callers that run the trainer inside a JVM of their own (the demo, tests).
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, context -> { });
    }

    private static int run(String[] args, PrintStream out, PrintStream err, Consumer<ApplicationContext> processSettings) {
        routeJavaUtilLogging();
        CliOverrides overrides;
        try {
            overrides = CliOverrides.parse(args);
        } catch (InputException e) {
            err.println("error: " + e.getMessage());
            return BAD_INPUT;
        }
        try (ApplicationContext context = context(overrides)) {
            processSettings.accept(context);
            context.registerSingleton(Console.class, new Console(out, err));
            CommandLine command = new CommandLine(TrainerCommand.class, new MicronautFactory(context));
            command.setOut(new PrintWriter(out, true));
            command.setErr(new PrintWriter(err, true));
            command.setExecutionExceptionHandler((e, cmd, parsed) -> {
                if (isSettingsError(e)) {
                    err.println("error: invalid settings: " + describe(e));
                    return BAD_INPUT;
                }
                err.println("error: " + describe(e));
                if (e instanceof PinnedDeployment) {
                    return PINNED;
                }
                boolean badInput = e instanceof InputException || e instanceof BundleException
                        || e instanceof IllegalArgumentException || e instanceof CommandRefused;
                // failures whose message says it all; anything else may be a bug and gets its stack trace
                boolean explained = e instanceof TrainCommand.PublishException || e instanceof TrainingDivergedException;
                if (!badInput && !explained) {
                    e.printStackTrace(err);
                }
                return badInput ? BAD_INPUT : FAILED;
            });
            return command.execute(args);
        } catch (BeanInstantiationException | DependencyInjectionException | ConfigurationException
                 | CommandLine.InitializationException e) {
            err.println("error: invalid settings: " + describe(e));
            return BAD_INPUT;
        }
    }

    /**
     * The application context every command runs in: application.yml, then the --config file, environment
     * variables, system properties, and --set / flags on top (see {@link CliOverrides}).
     */
    public static ApplicationContext context(CliOverrides overrides) {
        return ApplicationContext.builder(TrainerApplication.class, Environment.CLI)
                .propertySources(overrides.propertySources())
                .deduceEnvironment(false)
                .start();
    }

    /** PyTorch's thread counts from {@code trainer.threads}, set before anything starts the engine. */
    private static void fixEngineThreads(ApplicationContext context) {
        context.getProperty("trainer.threads", Integer.class).filter(threads -> threads > 0)
                .ifPresent(IntraOpThreads::forProcess);
    }

    /**
     * Sends java.util.logging (Tribuo logs every tree it grows at INFO) to SLF4J, so that logback's levels and
     * format apply to it as to everything else; JUL's own console handler is removed.
     */
    static void routeJavaUtilLogging() {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }

    /** A setting that fails its constraints or cannot be converted: reported as bad input, without a stack trace. */
    private static boolean isSettingsError(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ConstraintViolationException || cause instanceof ConfigurationException
                    || cause instanceof DependencyInjectionException || cause instanceof BeanInstantiationException) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause
                && !(cause instanceof InputException) && !(cause instanceof BundleException)
                && !(cause instanceof ConstraintViolationException) && !(cause instanceof TrainCommand.PublishException)) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
