package io.leadscorer.model.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import io.leadscorer.model.bundle.Bundle;
import io.leadscorer.model.effects.EffectKeys;
import io.leadscorer.model.effects.ValueEffects;
import io.leadscorer.model.predict.Calibration;
import io.leadscorer.model.predict.LeadPredictor;
import io.leadscorer.model.testing.SyntheticLeads;
import io.leadscorer.model.testing.TinyBundles;
import io.leadscorer.model.text.LeadRecord;
import io.leadscorer.model.text.TextSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReasonAdditivityTest {
    private static final EffectKeys KEYS = new EffectKeys(TextSpec.defaults());
    private static final ValueEffects EFFECTS = new ValueEffects(Map.of(
            "enterprise", new ValueEffects.Column(1, Map.of(KEYS.key("Enterprise"), 1.5, KEYS.key("SMB"), -0.2)),
            "business_unit", new ValueEffects.Column(1, Map.of(KEYS.key("ID"), -1.0, KEYS.key("IT"), 0.7,
                    KEYS.key("AS"), 0.1))));

    @TempDir
    Path store;

    @Test
    void whereTheEffectsCarryTheWholeScoreTheReasonsAddUpExactly() throws IOException {
        Bundle effectsOnly = TinyBundles.recalibrated(store, TinyBundles.create(store, 9, EFFECTS), new Calibration(Calibration.PLATT, 0, -1, 1.0));
        List<LeadRecord> leads = SyntheticLeads.events(30, 3).stream().map(LeadRecord::of).toList();

        try (LeadPredictor predictor = LeadPredictor.open(effectsOnly, Device.cpu())) {
            for (ReasonAttribution attribution : ReasonAttribution.values()) {
                ReasonAdditivity.Result result = ReasonAdditivity.run(predictor, leads, 3, attribution);
                assertThat(result.tested()).as("%s", attribution).isEqualTo(30);
                assertThat(result.signShare()).as("%s", attribution).isEqualTo(1.0);
                assertThat(result.medianDistance()).as("%s", attribution).isCloseTo(0, within(1e-4));
            }
        }
    }

    @Test
    void aNetworkOfOneColumnHasOneReasonThatAddsUpExactlyUnderOcclusion() {
        List<String> others = TextSpec.defaults().keptColumns().stream().filter(c -> !c.equals("customer_job")).toList();
        TextSpec oneColumn = TextSpec.defaults().withMaxTokens(TinyBundles.MAX_TOKENS).withDropped(others);
        Bundle bundle = TinyBundles.create(store, 9, ValueEffects.NONE, oneColumn);
        List<LeadRecord> leads = SyntheticLeads.events(30, 3).stream().map(LeadRecord::of).toList();

        try (LeadPredictor predictor = LeadPredictor.open(bundle, Device.cpu())) {
            ReasonAdditivity.Result result = ReasonAdditivity.run(predictor, leads, 3, ReasonAttribution.OCCLUSION);
            long withJob = leads.stream().filter(lead -> lead.value("customer_job") != null).count();
            assertThat(result.tested()).isPositive().isLessThanOrEqualTo((int) withJob);
            assertThat(result.signShare()).isEqualTo(1.0);
            assertThat(result.medianDistance()).isCloseTo(0, within(1e-4));
            assertThat(ReasonAdditivity.run(predictor, leads, 3, ReasonAttribution.EFFECTS).tested()).isZero();
        }
    }

}
