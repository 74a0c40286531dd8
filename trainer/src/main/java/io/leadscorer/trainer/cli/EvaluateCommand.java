package io.leadscorer.trainer.cli;

import ai.djl.Device;
import io.leadscorer.model.bundle.Bundle;
import io.leadscorer.trainer.config.TrainingSettings;
import io.leadscorer.trainer.data.CsvLeadReader;
import io.leadscorer.trainer.data.LeadTable;
import io.leadscorer.trainer.evaluate.BundleEvaluator;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import io.micronaut.context.annotation.Prototype;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** `trainer evaluate`: scores labelled leads with a bundle as the scorer would; metrics JSON is the last stdout line. */
@Prototype
@Command(name = "evaluate", mixinStandardHelpOptions = true, defaultValueProvider = SettingDefaults.class,
        description = "Scores a labelled lead CSV with a bundle at its threshold and prints the metrics as JSON.")
public class EvaluateCommand implements Callable<Integer> {
    @Option(names = "--bundle", required = true, paramLabel = "DIR", description = "bundle directory")
    Path bundle;

    @Option(names = "--data", required = true, paramLabel = "CSV",
            description = "labelled leads, as for train (" + CsvLeadReader.GUIDE + ")")
    Path data;

    @Option(names = "--predictions", paramLabel = "CSV", description = "also write every lead's probability here")
    Path predictions;

    @Setting("trainer.device")
    @Option(names = "--device", description = "auto | cpu | gpu | gpu:N (default ${DEFAULT-VALUE})")
    String device;

    @Mixin
    SettingsOptions settings;

    @Inject
    CsvLeadReader reader;

    @Inject
    Provider<Device> devices;

    @Inject
    TrainingSettings training;

    @Inject
    JsonMapper json;

    @Inject
    Console console;

    @Override
    public Integer call() throws IOException {
        Bundle opened = Bundle.open(bundle);
        LeadTable table = reader.read(data);
        console.err().println(table.report().summary());
        BundleEvaluator.Evaluation evaluation = new BundleEvaluator(training.optimization().evalBatchSize())
                .evaluate(opened, devices.get(), table.rows());
        if (predictions != null) {
            BundleEvaluator.writePredictions(predictions, table.rows(), evaluation.probabilities(),
                    opened.manifest().threshold());
        }
        console.out().println(json.writeValueAsString(evaluation.metrics()));
        return 0;
    }
}
