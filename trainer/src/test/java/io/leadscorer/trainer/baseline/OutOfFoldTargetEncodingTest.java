package io.leadscorer.trainer.baseline;

import io.leadscorer.trainer.config.BaselineSettings;
import io.leadscorer.trainer.data.LeadRow;
import io.leadscorer.trainer.evaluate.ScoredLabels;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class OutOfFoldTargetEncodingTest {

    /** Leads whose only cells are a company seen once and one of 5 owners, labels drawn at random (20%). */
    private static List<LeadRow> oneLeadPerCompany(int rows, long seed) {
        Random random = new Random(seed);
        List<LeadRow> result = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            result.add(new LeadRow(i + 2, Map.of("customer_idx", Long.toString(seed * 1_000_000 + i),
                    "lead_owner", Integer.toString(i % 5)), random.nextDouble() < 0.2));
        }
        return result;
    }

    private static double rocAuc(List<LeadRow> rows, double[] scores) {
        boolean[] labels = new boolean[rows.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = rows.get(i).converted();
        }
        return new ScoredLabels(labels, scores).metricsAt(0.5).rocAuc();
    }

    @Test
    void inFoldRatesOfIdsSeenOnceGiveAwayTheLabelWhereOutOfFoldRatesDoNot() {
        List<LeadRow> training = oneLeadPerCompany(2000, 1);
        OutOfFoldTargetEncoding encoding = new OutOfFoldTargetEncoding(List.of("customer_idx", "lead_owner"), 5, 20, 7);
        encoding.fit(training);

        double[] inFold = new double[training.size()];
        double[] outOfFold = new double[training.size()];
        for (int i = 0; i < training.size(); i++) {
            inFold[i] = encoding.encode(training.get(i))[0];
            outOfFold[i] = encoding.training(i)[0];
        }

        assertThat(rocAuc(training, inFold)).isEqualTo(1.0);
        assertThat(rocAuc(training, outOfFold)).isEqualTo(0.5);
        double prior = training.stream().filter(LeadRow::converted).count() / 2000.0;
        assertThat(java.util.Arrays.stream(outOfFold).boxed().toList()).allSatisfy(rate -> assertThat(rate).isCloseTo(prior, within(1e-6)));
    }

    @Test
    void encodesRatesShrunkTowardsThePriorAndLogCounts() {
        List<LeadRow> training = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            // company 7: 10 leads, 5 converted; company 8: 90 leads, none converted
            training.add(new LeadRow(i, Map.of("customer_idx", i < 10 ? "7" : "8"), i < 5));
        }
        OutOfFoldTargetEncoding encoding = new OutOfFoldTargetEncoding(List.of("customer_idx"), 2, 10, 3);
        encoding.fit(training);

        float[] seven = encoding.encode(new LeadRow(0, Map.of("customer_idx", "7"), false));
        float[] unseen = encoding.encode(new LeadRow(0, Map.of("customer_idx", "99"), false));
        float[] missing = encoding.encode(new LeadRow(0, Map.of(), false));

        assertThat(seven[0]).isCloseTo((float) ((5 + 10 * 0.05) / (10 + 10)), within(1e-6f));
        assertThat(seven[1]).isCloseTo((float) Math.log1p(10), within(1e-6f));
        assertThat(unseen[0]).isCloseTo(0.05f, within(1e-6f));
        assertThat(unseen[1]).isZero();
        assertThat(missing).containsExactly(unseen);
    }

    @Test
    void encodesACrossOfColumnsByTheCombinationOfItsValues() {
        List<LeadRow> training = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            // vrf sells in retail (10 of 10 converted), not in hotels (0 of 10); monitors the other way round
            boolean vrf = i < 20;
            boolean retail = i % 2 == 0;
            training.add(new LeadRow(i, Map.of("product_category", vrf ? "vrf" : "monitor",
                    "business_area", retail ? "retail" : "hotel"), vrf == retail));
        }
        OutOfFoldTargetEncoding crossed = new OutOfFoldTargetEncoding(List.of("product_category*business_area"), 2, 10, 3);
        crossed.fit(training);
        float[] vrfRetail = crossed.encode(new LeadRow(0, Map.of("product_category", "vrf", "business_area", "retail"), false));
        float[] vrfHotel = crossed.encode(new LeadRow(0, Map.of("product_category", "vrf", "business_area", "hotel"), false));
        float[] noArea = crossed.encode(new LeadRow(0, Map.of("product_category", "vrf"), false));
        assertThat(vrfRetail[0]).isCloseTo((float) ((10 + 10 * 0.5) / (10 + 10)), within(1e-6f));
        assertThat(vrfHotel[0]).isCloseTo((float) ((0 + 10 * 0.5) / (10 + 10)), within(1e-6f));
        assertThat(noArea[0]).isCloseTo(0.5f, within(1e-6f));
        assertThat(noArea[1]).isZero();
    }

    @Test
    void theTreesDoNotLearnTheTrainingLabelsThroughTheEncoding() {
        List<LeadRow> training = oneLeadPerCompany(3000, 1);
        List<LeadRow> validation = oneLeadPerCompany(800, 2);
        BaselineSettings settings = new BaselineSettings(3, 10, 1, 200, 6, 0.1, 0.8, 0.8, 20,
                List.of("customer_idx", "lead_owner"), 5, 20);
        BoostedTreesBaseline trees = new BoostedTreesBaseline(settings, 42, 1,
                new OutOfFoldTargetEncoding(settings.targetEncodedColumns(), 5, 20, 42));

        trees.fit(training, validation);

        // the labels are noise: an in-fold rate would let the trees score their own training rows perfectly
        assertThat(trees.name()).isEqualTo("target_encoded_trees");
        assertThat(rocAuc(training, trees.probabilities(training))).isLessThan(0.75);
    }
}
