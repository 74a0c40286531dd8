package io.leadscorer.model.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import io.leadscorer.model.bundle.Bundle;
import io.leadscorer.model.bundle.BundleText;
import io.leadscorer.model.effects.EffectKeys;
import io.leadscorer.model.effects.ValueEffects;
import io.leadscorer.model.predict.Calibration;
import io.leadscorer.model.predict.LeadPredictor;
import io.leadscorer.model.testing.SyntheticLeads;
import io.leadscorer.model.testing.TinyBundles;
import io.leadscorer.model.text.LeadRecord;
import io.leadscorer.model.text.LeadText;
import io.leadscorer.model.text.TextSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ColumnOcclusionTest {

    private static final TextSpec WITHOUT_OWNER = TextSpec.defaults().withMaxTokens(TinyBundles.MAX_TOKENS)
            .withDropped(List.of("lead_owner"));
    private static final EffectKeys KEYS = new EffectKeys(TextSpec.defaults());
    private static final ValueEffects EFFECTS = new ValueEffects(Map.of("enterprise",
            new ValueEffects.Column(1, Map.of(KEYS.key("Enterprise"), 0.75, KEYS.key("SMB"), -0.5))));
    private static final Calibration CALIBRATION = new Calibration(Calibration.PLATT, 0.5, -1, 2.0);

    @TempDir
    Path store;

    @Test
    void eachColumnsReasonIsWhatRemovingItsCellDoesToTheServedLogOdds() throws IOException {
        // a single column's contribution: its value effect plus its network share, each exactly what removing the
        // cell does to that term, so together what it does to the served log-odds
        Bundle bundle = TinyBundles.recalibrated(store, TinyBundles.create(store, 5, EFFECTS, WITHOUT_OWNER), CALIBRATION);
        List<LeadRecord> leads = SyntheticLeads.events(6, 8).stream().map(LeadRecord::of).toList();

        try (LeadPredictor predictor = LeadPredictor.open(bundle, Device.cpu())) {
            List<List<Reason>> reasons = predictor.allReasons(leads, ReasonAttribution.OCCLUSION);
            float[] served = predictor.predictRecords(leads);

            int checked = 0;
            for (int i = 0; i < leads.size(); i++) {
                LeadRecord lead = leads.get(i);
                Map<String, Double> contributions = new HashMap<>();
                reasons.get(i).forEach(reason -> contributions.put(reason.column(), reason.contribution()));
                for (String column : WITHOUT_OWNER.keptColumns()) {
                    float without = predictor.predictRecords(List.of(ReasonDeletion.without(lead, Set.of(column))))[0];
                    double removing = Calibration.logit(served[i]) - Calibration.logit(without);
                    double contribution = contributions.getOrDefault(column, 0.0);
                    assertThat(contribution).as("lead %d, %s", i, column).isCloseTo(removing, within(1e-3));
                    if (Math.abs(removing) > 1e-2) {
                        assertThat(Math.signum(contribution)).as("lead %d, %s", i, column)
                                .isEqualTo(Math.signum(served[i] - without));
                        checked++;
                    }
                }
            }
            assertThat(checked).as("contributions large enough to have a sign").isGreaterThan(20);
            assertThat(reasons).flatExtracting(lead -> lead).extracting(Reason::column).contains("enterprise");
        }
    }

    @Test
    void aColumnTheNetworkDoesNotReadHasNoShare() throws IOException {
        Bundle bundle = TinyBundles.recalibrated(store, TinyBundles.create(store, 5, ValueEffects.NONE, WITHOUT_OWNER), CALIBRATION);
        List<LeadRecord> leads = SyntheticLeads.events(8, 8).stream().map(LeadRecord::of).toList();
        assertThat(leads).allMatch(lead -> lead.value("lead_owner") != null);

        try (LeadPredictor predictor = LeadPredictor.open(bundle, Device.cpu())) {
            List<List<Reason>> reasons = predictor.allReasons(leads, ReasonAttribution.OCCLUSION);

            assertThat(new ColumnOcclusion(BundleText.of(bundle), CALIBRATION).columns()).doesNotContain("lead_owner")
                    .hasSize(27);
            assertThat(reasons).allSatisfy(lead -> assertThat(lead).isNotEmpty()
                    .extracting(Reason::column).doesNotContain("lead_owner"));
        }
    }

    @Test
    void onlyCellsThatChangeTheTextCostAPass() {
        ColumnOcclusion occlusion = new ColumnOcclusion(LeadText.forSpec(TextSpec.defaults()), CALIBRATION);
        Map<String, Object> cells = new HashMap<>();
        cells.put("customer_job", "engineering");
        cells.put("enterprise", "Enterprise");
        cells.put("inquiry_type", "  ");
        List<String> seen = new ArrayList<>();
        // each missing cell lowers the network's log-odds by 0.25
        ColumnOcclusion.Network network = texts -> {
            seen.addAll(texts);
            float[] probabilities = new float[texts.size()];
            for (int i = 0; i < texts.size(); i++) {
                probabilities[i] = sigmoid(-0.25 * missing(texts.get(i)));
            }
            return probabilities;
        };
        LeadRecord lead = cells::get;
        float served = sigmoid(-0.25 * missing(LeadText.of(TextSpec.defaults(), lead)));

        Map<String, Double> shares = occlusion.shares(List.of(lead), new float[] {served}, network).get(0);

        assertThat(seen).hasSize(2);
        assertThat(shares.get("customer_job")).isCloseTo(0.5 * 0.25, within(1e-6));
        assertThat(shares.get("enterprise")).isCloseTo(0.5 * 0.25, within(1e-6));
        assertThat(shares.get("inquiry_type")).as("a blank cell reads as missing").isZero();
        assertThat(shares.get("lead_owner")).isZero();
        assertThat(shares).hasSize(28);
        assertThatThrownBy(() -> occlusion.shares(List.of(lead), new float[2], network))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static int missing(String text) {
        return (text.length() - text.replace("_nan", "").length()) / "_nan".length();
    }

    private static float sigmoid(double x) {
        return (float) (1 / (1 + Math.exp(-x)));
    }

}
