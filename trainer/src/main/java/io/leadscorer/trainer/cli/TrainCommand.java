package io.leadscorer.trainer.cli;

import ai.djl.engine.Engine;
import io.leadscorer.trainer.config.IntraOpThreads;
import io.leadscorer.trainer.config.PublishSettings;
import io.leadscorer.trainer.config.TrainingSettings;
import io.leadscorer.trainer.data.CsvLeadReader;
import io.leadscorer.trainer.evaluate.BinaryMetrics;
import io.leadscorer.trainer.pipeline.TrainingPipeline;
import io.leadscorer.trainer.pipeline.TrainingRequest;
import io.leadscorer.trainer.pipeline.TrainingResult;
import io.leadscorer.avro.ModelAction;
import io.leadscorer.trainer.publish.ControlPublisher;
import io.leadscorer.trainer.publish.ModelRef;
import io.leadscorer.trainer.publish.PinnedDeployment;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import io.micronaut.context.annotation.Prototype;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * `trainer train`: CSV in, published bundle out (its path is the last line of stdout), optionally sent to the scorers:
 * into shadow by default, so that a scheduled retrain reaches the sales team only on live evidence, and never on a
 * deployment a manual rollback pinned (the bundle stays in the store; the run exits
 * {@code TrainerApplication.PINNED}).
 */
@Prototype
@Command(name = "train", mixinStandardHelpOptions = true, defaultValueProvider = SettingDefaults.class,
        description = {"Trains a classifier on a labelled lead CSV and publishes it as a bundle in the model store.",
                "",
                "The CSV (UTF-8, comma-separated, a header line first) holds a lead per row: the 28 lead columns by "
                        + "their headers (bant_submit, customer_country, ..., customer_country.1, ..., lead_owner; any "
                        + "order, a column left out is read as missing, other columns are ignored) and the label "
                        + "is_converted (true or false). Every column, its type and its missing values: "
                        + CsvLeadReader.GUIDE + "."})
public class TrainCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, paramLabel = "CSV",
            description = "labelled leads: lead columns and is_converted (" + CsvLeadReader.GUIDE + ")")
    Path data;

    @Option(names = "--store", required = true, paramLabel = "DIR",
            description = "model store the bundle is published to")
    Path store;

    @Option(names = "--base-model", paramLabel = "DIR",
            description = "Hugging Face BERT checkpoint (config.json, model.safetensors, tokenizer.json) to fine-tune")
    Path baseModel;

    @Option(names = "--publish", description = "send the new bundle to the scorers through the control topic, "
            + "as --publish-as says")
    boolean publish;

    @Option(names = "--publish-as", paramLabel = "deploy|shadow", defaultValue = "shadow",
            description = "with --publish: shadow (a candidate beside the live model, judged by the monitor) or deploy "
                    + "(live at once); a deployment's first model always goes as deploy (default ${DEFAULT-VALUE})")
    String publishAs;

    @Mixin
    RolloutOptions rollout;

    @Mixin
    ControlOptions control;

    @Mixin
    TrainingOptions training;

    @Mixin
    SettingsOptions settings;

    @Inject
    Provider<TrainingSettings> trainingSettings;

    @Inject
    Provider<TrainingPipeline> pipeline;

    @Inject
    Provider<ControlPublisher> publisher;

    @Inject
    Provider<PublishSettings> publishSettings;

    @Inject
    Console console;

    @Override
    public Integer call() {
        boolean asShadow = switch (publishAs) {
            case "shadow" -> true;
            case "deploy" -> false;
            default -> throw new IllegalArgumentException("--publish-as " + publishAs + ": deploy or shadow");
        };
        // the engine state the weights depend on, for this training: the seed and this thread's intra-op count
        TrainingSettings applied = trainingSettings.get();
        IntraOpThreads.forCallingThread(applied.threads());
        Engine.getInstance().setRandomSeed((int) applied.seed());
        TrainingResult result = pipeline.get().run(
                new TrainingRequest(data, store, Optional.ofNullable(baseModel)), console.err());
        BinaryMetrics validation = result.validation();
        console.out().printf(Locale.ROOT, "validation: F1 %.4f, precision %.4f, recall %.4f, ROC-AUC %s, PR-AUC %s "
                        + "at threshold %.4f%n", validation.f1(), validation.precision(), validation.recall(),
                format(validation.rocAuc()), format(validation.prAuc()), validation.threshold());
        Path bundleDir = result.bundle().dir().toAbsolutePath();
        if (publish) {
            ModelRef bundle = ModelRef.of(result.bundle());
            ControlPublisher.Sent sent;
            try {
                sent = publisher.get().send(publishSettings.get(), rollout.unpin, next ->
                        asShadow && next.live().isPresent() ? next.shadow(bundle) : next.deploy(bundle));
            } catch (PinnedDeployment e) {
                console.out().println(bundleDir);
                throw new PinnedDeployment("bundle " + bundleDir + " is published, but not sent to the scorers: "
                        + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw e;
            } catch (RuntimeException e) {
                // the message names the bundle, which stays published: it can be sent by hand or by a rerun
                throw new PublishException("bundle " + bundleDir + " is published, but its command was not sent: "
                        + e.getMessage(), e);
            }
            if (asShadow && sent.command().getAction() == ModelAction.DEPLOY) {
                console.out().println("no live model on " + sent.target() + " yet: its first model goes live at once, "
                        + "as a DEPLOY rather than a SHADOW");
            }
            console.out().println(sent.describe());
        }
        console.out().println(bundleDir);
        return 0;
    }

    /** The bundle was written but the control topic did not take its command. */
    public static final class PublishException extends RuntimeException {
        public PublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static String format(Double value) {
        return value == null ? "undefined" : String.format(Locale.ROOT, "%.4f", value);
    }
}
