package io.leadscorer.trainer.cli;

import io.leadscorer.trainer.baseline.Baselines;
import io.leadscorer.trainer.baseline.BaselinesReport;
import io.leadscorer.trainer.data.CsvLeadReader;
import io.leadscorer.trainer.data.LeadTable;
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

/**
 * `trainer baselines`: logistic regression, boosted trees, target-encoded trees and the value effects without the
 * network on the trainer's split, test F1 as JSON.
 */
@Prototype
@Command(name = "baselines", mixinStandardHelpOptions = true, defaultValueProvider = SettingDefaults.class,
        description = "Trains one-hot logistic regression, gradient-boosted trees and the trees with out-of-fold target "
                + "encoding of the id columns and the value effects of `train` without its network on the same split as `train`, "
                + "each at its own best validation threshold, and prints their test metrics as JSON.")
public class BaselinesCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, paramLabel = "CSV",
            description = "labelled training leads, as for train (" + CsvLeadReader.GUIDE + ")")
    Path data;

    @Option(names = "--test", required = true, paramLabel = "CSV", description = "labelled test leads, as for train")
    Path test;

    @Mixin
    TrainingOptions training;

    @Mixin
    SettingsOptions settings;

    @Inject
    CsvLeadReader reader;

    @Inject
    Provider<Baselines> baselines;

    @Inject
    JsonMapper json;

    @Inject
    Console console;

    @Override
    public Integer call() throws IOException {
        LeadTable train = reader.read(data);
        console.err().println(train.report().summary());
        LeadTable testTable = reader.read(test);
        console.err().println(testTable.report().summary());
        BaselinesReport report = baselines.get().run(train.rows(), testTable.rows());
        console.out().println(json.writeValueAsString(report));
        return 0;
    }
}
