package io.leadscorer.model.explain;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import io.leadscorer.model.bundle.Bundle;
import io.leadscorer.model.effects.EffectKeys;
import io.leadscorer.model.effects.ValueEffects;
import io.leadscorer.model.text.TextSpec;
import io.leadscorer.model.predict.Calibration;
import io.leadscorer.model.predict.LeadPredictor;
import io.leadscorer.model.testing.SyntheticLeads;
import io.leadscorer.model.testing.TinyBundles;
import io.leadscorer.model.text.LeadRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReasonDeletionTest {
    private static final EffectKeys KEYS = new EffectKeys(TextSpec.defaults());

    /** Effects of distinct sizes on columns every synthetic lead has a value in. */
    private static final ValueEffects EFFECTS = new ValueEffects(Map.of(
            "enterprise", new ValueEffects.Column(1, Map.of(KEYS.key("Enterprise"), 1.5, KEYS.key("SMB"), -0.2)),
            "business_unit", new ValueEffects.Column(1, Map.of(KEYS.key("ID"), -1.0, KEYS.key("IT"), 0.7,
                    KEYS.key("AS"), 0.1))));

    @TempDir
    Path store;

    @Test
    void whereTheEffectsCarryTheWholeScoreTheTopReasonAlwaysMovesItMost() throws IOException {
        // the network's slope 0: the served log-odds are the effects alone, so deleting the top reason's column
        // moves them by its contribution and deleting any other by at most a smaller one
        Bundle effectsOnly = TinyBundles.recalibrated(store, TinyBundles.create(store, 9, EFFECTS), new Calibration(Calibration.PLATT, 0, -1, 1.0));
        List<LeadRecord> leads = SyntheticLeads.events(60, 3).stream().map(LeadRecord::of).toList();

        ReasonDeletion.Result result;
        try (LeadPredictor predictor = LeadPredictor.open(effectsOnly, Device.cpu())) {
            result = ReasonDeletion.run(predictor, leads, 1);
        }

        assertThat(result.leads()).isEqualTo(60);
        assertThat(result.tested()).isEqualTo(60);
        assertThat(result.share()).isEqualTo(1.0);
    }

    @Test
    void withOcclusionEveryLeadWithACellTheNetworkReadsIsTested() {
        Bundle noEffects = TinyBundles.create(store, 9);
        List<LeadRecord> leads = SyntheticLeads.events(20, 3).stream().map(LeadRecord::of).toList();

        try (LeadPredictor predictor = LeadPredictor.open(noEffects, Device.cpu())) {
            ReasonDeletion.Result result = ReasonDeletion.run(predictor, leads, 1, ReasonAttribution.OCCLUSION);
            assertThat(result.tested()).isEqualTo(20);
            // a single column's contribution is what removing it does, so the top one moves the score most but for
            // the sigmoid's asymmetry between raising and lowering
            assertThat(result.share()).isGreaterThanOrEqualTo(0.8);
        }
    }

    @Test
    void leadsWithoutAReasonAreNotTested() {
        Bundle noEffects = TinyBundles.create(store, 9);
        List<LeadRecord> leads = SyntheticLeads.events(5, 3).stream().map(LeadRecord::of).toList();

        try (LeadPredictor predictor = LeadPredictor.open(noEffects, Device.cpu())) {
            ReasonDeletion.Result result = ReasonDeletion.run(predictor, leads, 1);
            assertThat(result.tested()).isZero();
            assertThat(result.share()).isNaN();
        }
    }

    @Test
    void theSameSeedDrawsTheSameOtherColumns() {
        Bundle bundle = TinyBundles.create(store, 9, EFFECTS);
        List<LeadRecord> leads = SyntheticLeads.events(40, 5).stream().map(LeadRecord::of).toList();

        try (LeadPredictor predictor = LeadPredictor.open(bundle, Device.cpu())) {
            ReasonDeletion.Result first = ReasonDeletion.run(predictor, leads, 2);
            assertThat(ReasonDeletion.run(predictor, leads, 2)).isEqualTo(first);
            assertThat(first.tested()).isEqualTo(40);
            assertThat(first.topMovedMore()).isBetween(0, 40);
        }
    }

    @Test
    void aDeletedColumnReadsAsMissingAndTheOthersStay() {
        LeadRecord lead = Map.<String, Object>of("enterprise", "SMB", "business_unit", "ID")::get;

        LeadRecord without = ReasonDeletion.without(lead, Set.of("enterprise"));

        assertThat(without.value("enterprise")).isNull();
        assertThat(without.value("business_unit")).isEqualTo("ID");
    }

}
