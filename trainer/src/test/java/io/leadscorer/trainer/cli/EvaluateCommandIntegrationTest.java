package io.leadscorer.trainer.cli;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadscorer.model.bundle.Bundle;
import io.leadscorer.model.predict.LeadPredictor;
import io.leadscorer.model.testing.TinyBundles;
import io.leadscorer.simulator.world.SimulatedLead;
import io.leadscorer.trainer.testing.SimulatedCsv;
import io.leadscorer.trainer.testing.TrainerRun;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * `trainer evaluate` against what the scorer's predictor makes of the same leads as Kafka events, with the
 * metrics worked out independently here (counts at the threshold, pairwise ROC-AUC, average precision by rank).
 */
class EvaluateCommandIntegrationTest {
    private static final int ROWS = 400;

    @TempDir
    static Path dir;

    private static Bundle bundle;
    private static Path data;
    private static List<SimulatedLead> leads;

    @BeforeAll
    static void bundleAndData() {
        bundle = TinyBundles.create(dir.resolve("store"));
        data = SimulatedCsv.write(dir.resolve("test.csv"), ROWS, 31);
        leads = SimulatedCsv.leads(ROWS, 31);
    }

    @Test
    void printsTheMetricsOfTheScorersProbabilitiesAsOneJsonObjectOnTheLastLine() throws IOException {
        Path predictions = dir.resolve("predictions.csv");

        TrainerRun run = TrainerRun.of("evaluate", "--bundle", bundle.dir().toString(), "--data", data.toString(),
                "--predictions", predictions.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode metrics = new ObjectMapper().readTree(run.lastLine());
        assertThat(metrics.isObject()).isTrue();

        float[] served;
        try (LeadPredictor predictor = LeadPredictor.open(bundle, Device.cpu())) {
            served = predictor.predict(leads.stream().map(SimulatedLead::event).toList());
        }
        double threshold = bundle.manifest().threshold();
        long tp = 0;
        long fp = 0;
        long fn = 0;
        for (int i = 0; i < ROWS; i++) {
            boolean predicted = served[i] >= threshold;
            boolean converted = leads.get(i).converted();
            tp += predicted && converted ? 1 : 0;
            fp += predicted && !converted ? 1 : 0;
            fn += !predicted && converted ? 1 : 0;
        }
        assertThat(tp + fp).as("the tiny bundle calls some leads converted").isPositive();
        assertThat(metrics.get("rows").asLong()).isEqualTo(ROWS);
        assertThat(metrics.get("threshold").asDouble()).isEqualTo(threshold);
        assertThat(metrics.get("precision").asDouble()).isCloseTo((double) tp / (tp + fp), within(1e-12));
        assertThat(metrics.get("recall").asDouble()).isCloseTo((double) tp / (tp + fn), within(1e-12));
        assertThat(metrics.get("f1").asDouble()).isCloseTo(2.0 * tp / (2.0 * tp + fp + fn), within(1e-12));
        assertThat(metrics.get("roc_auc").asDouble()).isCloseTo(pairwiseRocAuc(served), within(1e-9));
        assertThat(metrics.get("pr_auc").asDouble()).isCloseTo(averagePrecision(served), within(1e-9));

        try (Reader reader = Files.newBufferedReader(predictions)) {
            List<CSVRecord> records = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(reader).getRecords();
            assertThat(records).hasSize(ROWS);
            for (int i = 0; i < ROWS; i++) {
                assertThat(Long.parseLong(records.get(i).get("line"))).isEqualTo(i + 2);
                assertThat(Boolean.parseBoolean(records.get(i).get("is_converted"))).isEqualTo(leads.get(i).converted());
                assertThat(Float.parseFloat(records.get(i).get("probability"))).isEqualTo(served[i]);
                assertThat(Boolean.parseBoolean(records.get(i).get("predicted"))).isEqualTo(served[i] >= threshold);
            }
        }
    }

    @Test
    void reportsEachTierThePrecisionOfTheTopLeadsAndDrawsTheGainChart() throws IOException {
        Path chart = dir.resolve("gain.png");

        TrainerRun run = TrainerRun.of("evaluate", "--bundle", bundle.dir().toString(), "--data", data.toString(),
                "--gain-chart", chart.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode metrics = new ObjectMapper().readTree(run.lastLine());
        assertThat(metrics.get("tiers")).extracting(tier -> tier.get("tier").asText()).containsExactly("A", "B", "C", "D");
        long leadsInTiers = 0;
        for (JsonNode tier : metrics.get("tiers")) {
            leadsInTiers += tier.get("leads").asLong();
        }
        assertThat(leadsInTiers).isEqualTo(ROWS);
        assertThat(metrics.get("precision_at_top").fieldNames()).toIterable().containsExactly("5%", "10%", "20%");
        assertThat(metrics.get("f1").isNumber()).isTrue();
        assertThat(Files.readAllBytes(chart)).startsWith(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        assertThat(run.err()).contains("tier A: ").contains("precision of the top 5% / 10% / 20% of leads");
    }

    @Test
    void metricsThatAreUndefinedForTheDataAreNullInValidJson() throws IOException {
        List<String> unconverted = Files.readAllLines(data).stream().filter(line -> !line.endsWith(",True")).toList();
        Path negatives = Files.write(dir.resolve("negatives.csv"), unconverted);

        TrainerRun run = TrainerRun.of("evaluate", "--bundle", bundle.dir().toString(), "--data", negatives.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode metrics = new ObjectMapper().readTree(run.lastLine());
        assertThat(metrics.get("rows").asLong()).isEqualTo(unconverted.size() - 1);
        assertThat(metrics.get("roc_auc").isNull()).isTrue();
        assertThat(metrics.get("pr_auc").isNull()).isTrue();
        assertThat(metrics.get("recall").asDouble()).isZero();
    }

    @Test
    void aMissingBundleIsAClearError() {
        TrainerRun run = TrainerRun.of("evaluate", "--bundle", dir.resolve("nothing").toString(), "--data", data.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("no bundle directory at");
        assertThat(run.out()).isEmpty();
    }

    /** The share of (converted, unconverted) pairs the scores order correctly, ties counting half. */
    private static double pairwiseRocAuc(float[] scores) {
        double right = 0;
        long pairs = 0;
        for (int i = 0; i < ROWS; i++) {
            for (int j = 0; j < ROWS; j++) {
                if (leads.get(i).converted() && !leads.get(j).converted()) {
                    pairs++;
                    right += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
                }
            }
        }
        return right / pairs;
    }

    /** Precision among the leads scored at least as high as each converted lead, averaged over those leads. */
    private static double averagePrecision(float[] scores) {
        double sum = 0;
        long positives = 0;
        for (int i = 0; i < ROWS; i++) {
            if (!leads.get(i).converted()) {
                continue;
            }
            positives++;
            long atLeast = 0;
            long convertedAtLeast = 0;
            for (int j = 0; j < ROWS; j++) {
                if (scores[j] >= scores[i]) {
                    atLeast++;
                    convertedAtLeast += leads.get(j).converted() ? 1 : 0;
                }
            }
            sum += (double) convertedAtLeast / atLeast;
        }
        return sum / positives;
    }
}
