package io.leadscorer.model.predict;

import ai.djl.Device;
import io.leadscorer.model.bundle.Bundle;
import io.leadscorer.model.bundle.BundleWriter;
import io.leadscorer.model.bundle.Manifest;
import io.leadscorer.model.effects.ValueEffects;
import io.leadscorer.model.testing.TinyBundles;
import io.leadscorer.model.text.LeadRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CalibrationTest {

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    @Test
    void plattScalingRecoversTheSlopeAndInterceptThatGeneratedTheLabels() {
        Random random = new Random(3);
        int n = 40_000;
        float[] overconfident = new float[n];
        boolean[] labels = new boolean[n];
        for (int i = 0; i < n; i++) {
            double z = random.nextGaussian() * 3;
            overconfident[i] = (float) sigmoid(z);
            labels[i] = random.nextDouble() < sigmoid(0.5 * z - 1);
        }

        Calibration fitted = Calibration.fitPlatt(overconfident, labels);

        assertThat(fitted.slope()).isCloseTo(0.5, within(0.05));
        assertThat(fitted.intercept()).isCloseTo(-1, within(0.08));
        assertThat(fitted.apply(sigmoid(2))).isCloseTo(sigmoid(0.5 * 2 - 1), within(0.02));
    }

    @Test
    void withEffectsItRecoversASlopeForTheNetworkAndAnotherForTheEffects() {
        Random random = new Random(7);
        int n = 40_000;
        float[] network = new float[n];
        double[] shifts = new double[n];
        boolean[] labels = new boolean[n];
        for (int i = 0; i < n; i++) {
            double z = random.nextGaussian() * 2;
            shifts[i] = random.nextGaussian() * 1.5;
            network[i] = (float) sigmoid(z);
            labels[i] = random.nextDouble() < sigmoid(0.3 * z + 0.9 * shifts[i] - 2);
        }

        Calibration fitted = Calibration.fitPlatt(network, shifts, labels);

        assertThat(fitted.slope()).isCloseTo(0.3, within(0.04));
        assertThat(fitted.effectsSlope()).isCloseTo(0.9, within(0.06));
        assertThat(fitted.intercept()).isCloseTo(-2, within(0.1));
        float[] served = fitted.apply(new float[] {(float) sigmoid(1)}, new double[] {2});
        assertThat((double) served[0]).isCloseTo(sigmoid(fitted.slope() + 2 * fitted.effectsSlope() + fitted.intercept()),
                within(1e-6));
        // without effects the effects slope is the network's, as in bundles written before it had its own
        Calibration plain = Calibration.fitPlatt(network, new double[n], labels);
        assertThat(plain.effectsSlope()).isEqualTo(plain.slope());
        assertThat(new Calibration(Calibration.PLATT, 0.7, -0.4, null).effectsSlope()).isEqualTo(0.7);
    }

    @Test
    void theEffectsAloneGetASlopeOfTheirOwnAndTheNetworkNone() {
        Random random = new Random(11);
        int n = 40_000;
        double[] shifts = new double[n];
        boolean[] labels = new boolean[n];
        for (int i = 0; i < n; i++) {
            shifts[i] = random.nextGaussian() * 1.5;
            labels[i] = random.nextDouble() < sigmoid(0.8 * shifts[i] - 2);
        }

        Calibration alone = Calibration.fitEffectsAlone(shifts, labels);

        assertThat(alone.slope()).isZero();
        assertThat(alone.effectsSlope()).isCloseTo(0.8, within(0.05));
        assertThat(alone.intercept()).isCloseTo(-2, within(0.08));
        float[] served = alone.apply(new float[] {0.01f, 0.99f}, new double[] {1, 1});
        assertThat(served[0]).as("the network's probability moves nothing").isEqualTo(served[1]);
        assertThatThrownBy(() -> Calibration.fitEffectsAlone(new double[2], new boolean[3]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void convergesWherePlainNewtonStepsOvershoot() {
        // from (1, 0), undamped Newton steps on these scores diverged to a slope of 1.9e13
        Random random = new Random(5);
        int n = 20_000;
        float[] raw = new float[n];
        boolean[] labels = new boolean[n];
        for (int i = 0; i < n; i++) {
            double z = random.nextGaussian() * 3;
            raw[i] = (float) sigmoid(z);
            labels[i] = random.nextDouble() < sigmoid(0.4 * z - 1.5);
        }

        Calibration fitted = Calibration.fitPlatt(raw, labels);

        assertThat(fitted.slope()).isCloseTo(0.4, within(0.03));
        assertThat(fitted.intercept()).isCloseTo(-1.5, within(0.08));
    }

    @Test
    void keepsTheOrderOfLeadsAndNoneIsTheIdentity() {
        Calibration calibration = new Calibration(Calibration.PLATT, 0.7, -0.4);
        float[] probabilities = {0.01f, 0.2f, 0.5f, 0.9f, 0.999f};

        float[] calibrated = calibration.apply(probabilities);

        for (int i = 1; i < calibrated.length; i++) {
            assertThat(calibrated[i]).isGreaterThan(calibrated[i - 1]);
        }
        for (float p : probabilities) {
            assertThat(Calibration.NONE.apply(p)).isCloseTo(p, within(1e-6));
        }
        assertThatThrownBy(() -> new Calibration("isotonic", 1, 0)).hasMessageContaining("unknown calibration method");
    }

    @Test
    void theManifestRecordsItAndOlderManifestsReadAsUncalibrated(@TempDir Path store) {
        Bundle bundle = TinyBundles.create(store);
        Calibration calibration = new Calibration(Calibration.PLATT, 0.7, -0.4);
        Manifest calibrated = bundle.manifest().withCalibration(calibration);

        String written = new String(calibrated.toJson(), java.nio.charset.StandardCharsets.UTF_8);
        String old = new String(bundle.manifest().toJson(), java.nio.charset.StandardCharsets.UTF_8)
                .replaceAll(",\\s*\"calibration\"\\s*:\\s*\\{[^}]*\\}", "");

        assertThat(Manifest.fromJson(calibrated.toJson(), "test").calibration()).isEqualTo(calibration);
        assertThat(written).contains("\"slope\" : 0.7");
        // written before the effects had a slope of their own: they are weighed with the network's
        String beforeEffectsSlope = written.replaceAll(",\\s*\"effects_slope\"\\s*:\\s*[-0-9.eE]+", "");
        assertThat(beforeEffectsSlope).doesNotContain("effects_slope");
        assertThat(Manifest.fromJson(beforeEffectsSlope.getBytes(java.nio.charset.StandardCharsets.UTF_8), "older")
                .calibration()).isEqualTo(calibration);
        Calibration stacked = new Calibration(Calibration.PLATT, 0.7, -0.4, 1.1);
        assertThat(Manifest.fromJson(bundle.manifest().withCalibration(stacked).toJson(), "test").calibration())
                .isEqualTo(stacked);
        assertThat(old).doesNotContain("calibration");
        assertThat(Manifest.fromJson(old.getBytes(java.nio.charset.StandardCharsets.UTF_8), "old").calibration())
                .isEqualTo(Calibration.NONE);
    }

    @Test
    void thePredictorServesTheCalibratedProbabilityOfTheNetwork(@TempDir Path dir) throws Exception {
        Bundle plain = TinyBundles.create(dir.resolve("plain"));
        Calibration calibration = new Calibration(Calibration.PLATT, 0.6, -1.2);
        Bundle calibrated = copy(plain, dir.resolve("calibrated"), calibration, ValueEffects.NONE);
        List<LeadRecord> leads = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            leads.add(LeadRecord.ofCsv(Map.of("customer_idx", Integer.toString(i), "inquiry_type", "quotation",
                    "lead_desc_length", Integer.toString(10 * i))));
        }

        float[] network = scores(plain, leads);
        float[] served = scores(calibrated, leads);

        assertThat(distinct(network)).isGreaterThan(10);
        for (int i = 0; i < leads.size(); i++) {
            assertThat(served[i]).isCloseTo((float) calibration.apply(network[i]), within(1e-6f));
            assertThat(served[i]).isNotCloseTo(network[i], within(1e-3f));
        }
    }

    @Test
    void thePredictorAddsTheBundlesValueEffectsToTheLogOddsBeforeCalibration(@TempDir Path dir) throws Exception {
        Bundle plain = TinyBundles.create(dir.resolve("plain"));
        Calibration calibration = new Calibration(Calibration.PLATT, 0.6, -1.2);
        ValueEffects effects = new ValueEffects(Map.of(
                "customer_idx", new ValueEffects.Column(2, Map.of("3", 1.5, "4", -2.0)),
                "lead_owner", new ValueEffects.Column(0.5, Map.of("7", 0.25))));
        Bundle withEffects = copy(plain, dir.resolve("effects"), calibration, effects);
        List<LeadRecord> leads = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            leads.add(LeadRecord.ofCsv(Map.of("customer_idx", Integer.toString(i), "lead_owner", Integer.toString(i + 4),
                    "inquiry_type", "quotation", "lead_desc_length", Integer.toString(10 * i))));
        }

        float[] network = scores(plain, leads);
        float[] served = scores(withEffects, leads);

        for (int i = 0; i < leads.size(); i++) {
            double shift = (i == 3 ? 1.5 : i == 4 ? -2.0 : 0) + (i == 3 ? 0.25 : 0);
            double expected = 1 / (1 + Math.exp(-(0.6 * (Calibration.logit(network[i]) + shift) - 1.2)));
            assertThat((double) served[i]).as("lead %d", i).isCloseTo(expected, within(1e-6));
        }
        assertThat(served[3]).isGreaterThan((float) calibration.apply(network[3]));
        assertThat(served[4]).isLessThan((float) calibration.apply(network[4]));
    }

    /** The plain bundle's network and tokenizer published again with this calibration and these value effects. */
    private static Bundle copy(Bundle plain, Path store, Calibration calibration, ValueEffects effects) throws Exception {
        try (BundleWriter writer = BundleWriter.begin(store)) {
            for (String file : List.of(LeadPredictor.CONFIG_FILE, LeadPredictor.TOKENIZER_FILE, LeadPredictor.WEIGHTS_FILE)) {
                Files.copy(plain.file(file), writer.staging().resolve(file));
            }
            if (!effects.isEmpty()) {
                effects.write(writer.staging().resolve(ValueEffects.FILE));
            }
            return writer.publish(plain.manifest().withFiles(Map.of()).withCalibration(calibration));
        }
    }

    private static float[] scores(Bundle bundle, List<LeadRecord> leads) {
        try (LeadPredictor predictor = LeadPredictor.open(bundle, Device.cpu())) {
            return predictor.predictRecords(leads);
        }
    }

    private static long distinct(float[] values) {
        java.util.Set<Float> seen = new java.util.HashSet<>();
        for (float v : values) {
            seen.add(v);
        }
        return seen.size();
    }
}
