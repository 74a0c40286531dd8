package io.leadscorer.trainer.cli;

import ai.djl.Device;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadscorer.model.bundle.Bundle;
import io.leadscorer.model.bundle.Lineage;
import io.leadscorer.model.tiers.ScoreTiers;
import io.leadscorer.trainer.config.TrainingSettings;
import io.leadscorer.trainer.data.CsvLeadReader;
import io.leadscorer.trainer.data.LeadRow;
import io.leadscorer.trainer.data.LeadTable;
import io.leadscorer.trainer.evaluate.BundleEvaluator;
import io.leadscorer.trainer.evaluate.TierReport;
import io.leadscorer.trainer.lineage.TrainingData;
import io.leadscorer.trainer.plot.GainChart;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import io.micronaut.context.annotation.Prototype;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * `trainer evaluate`: scores labelled leads with a bundle as the scorer would; metrics JSON is the last stdout line,
 * with what each of the bundle's tiers did and the precision of the top-scored leads.
 */
@Prototype
@Command(name = "evaluate", mixinStandardHelpOptions = true, defaultValueProvider = SettingDefaults.class,
        description = "Scores a labelled lead CSV with a bundle at its threshold and prints the metrics as JSON.")
public class EvaluateCommand implements Callable<Integer> {
    private static final ObjectMapper REPORT = new ObjectMapper();

    @Option(names = "--bundle", required = true, paramLabel = "DIR", description = "bundle directory")
    Path bundle;

    @Option(names = "--data", required = true, paramLabel = "CSV",
            description = "labelled leads, as for train (" + CsvLeadReader.GUIDE + ")")
    Path data;

    @Option(names = "--predictions", paramLabel = "CSV", description = "also write every lead's probability here")
    Path predictions;

    @Option(names = "--gain-chart", paramLabel = "PNG",
            description = "also draw the cumulative gain chart (conversions found against leads worked) here")
    Path gainChart;

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
        printLineage(opened);
        BundleEvaluator.Evaluation evaluation = new BundleEvaluator(training.optimization().evalBatchSize())
                .evaluate(opened, devices.get(), table.rows());
        if (predictions != null) {
            BundleEvaluator.writePredictions(predictions, table.rows(), evaluation.probabilities(),
                    opened.manifest().threshold());
        }
        boolean[] converted = LeadRow.labels(table.rows());
        if (gainChart != null) {
            GainChart.write(gainChart, converted, evaluation.probabilities());
        }
        TierReport tiers = TierReport.of(converted, evaluation.probabilities(), ScoreTiers.of(opened));
        printTiers(tiers);
        ObjectNode report = (ObjectNode) REPORT.readTree(json.writeValueAsString(evaluation.metrics()));
        tiers.asMap().forEach((key, value) -> report.set(key, REPORT.valueToTree(value)));
        evaluation.withoutNetwork().ifPresent(alone -> {
            console.err().printf(Locale.ROOT, "without the network (the value effects alone, calibrated alike): F1 %.4f;"
                    + " the network's share %+.4f%n", alone.f1(), evaluation.metrics().f1() - alone.f1());
            report.set("without_network", REPORT.valueToTree(alone.asMap()));
        });
        console.out().println(REPORT.writeValueAsString(report));
        return 0;
    }

    /** What the bundle was made from, and a warning when it is being evaluated on its own training file. */
    private void printLineage(Bundle opened) {
        Lineage lineage = opened.manifest().lineage();
        if (lineage == null) {
            console.err().println("model " + opened.modelId() + " records no lineage (written before bundles did)");
            return;
        }
        console.err().println("model " + opened.modelId() + " " + lineage.summary());
        console.err().println("  settings: " + lineage.settings().entrySet().stream()
                .map(setting -> setting.getKey() + "=" + setting.getValue()).collect(Collectors.joining(" ")));
        if (lineage.trainingDataSha256().equals(TrainingData.sha256(data))) {
            console.err().println("  warning: " + data + " is the file this model was trained on: its metrics "
                    + "flatter the model; evaluate on leads it never saw");
        }
    }

    private void printTiers(TierReport report) {
        console.err().printf(Locale.ROOT, "base rate %.4f; precision of the top 5%% / 10%% / 20%% of leads: %s%n",
                report.baseRate(), report.precisionAtTop().values().stream()
                        .map(p -> String.format(Locale.ROOT, "%.4f", p)).toList());
        if (report.tiers().isEmpty()) {
            console.err().println("the bundle has no tiers (written before tiers.json)");
        }
        for (TierReport.TierRow row : report.tiers()) {
            console.err().printf(Locale.ROOT, "tier %s: %d leads, %d converted, rate %s, lift %s%n", row.tier(),
                    row.leads(), row.conversions(), format(row.conversionRate()), format(row.lift()));
        }
    }

    private static String format(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.4f", value);
    }
}
