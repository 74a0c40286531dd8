package io.leadscorer.model.testing;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import io.leadscorer.model.bundle.Bundle;
import io.leadscorer.model.predict.LeadPredictor;
import io.leadscorer.model.reference.ReferenceProfile;
import io.leadscorer.model.text.TextSpec;
import io.leadscorer.model.tiers.ScoreTiers;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TinyBundlesTest {

    @TempDir
    Path store;

    @Test
    void publishesAVerifiedBundleThePredictorLoads() {
        Bundle bundle = TinyBundles.create(store);

        Bundle reopened = Bundle.open(bundle.dir());
        assertThat(reopened.dir()).isEqualTo(store.resolve(bundle.modelId()));
        assertThat(reopened.manifest().files().keySet())
                .containsExactlyInAnyOrder("config.json", "tokenizer.json", "model.safetensors", ReferenceProfile.FILE_NAME,
                        ScoreTiers.FILE_NAME);
        assertThat(ReferenceProfile.of(reopened)).get().extracting(ReferenceProfile::trainingLeads).isEqualTo(300L);
        assertThat(ScoreTiers.of(reopened)).get().extracting(tiers -> tiers.tier(0.95).name()).isEqualTo("A");
        assertThat(reopened.manifest().threshold()).isEqualTo(0.5);
        assertThat(reopened.manifest().text()).isEqualTo(TextSpec.defaults().withMaxTokens(TinyBundles.MAX_TOKENS));
        assertThat(reopened.manifest().network().hiddenSize()).isEqualTo(16);
        assertThat(reopened.manifest().network().numHiddenLayers()).isEqualTo(1);
        assertThat(reopened.manifest().network().numAttentionHeads()).isEqualTo(2);
        try (LeadPredictor predictor = LeadPredictor.open(reopened, Device.cpu())) {
            float[] scores = predictor.predict(SyntheticLeads.events(20, 1));
            assertThat(scores).hasSize(20);
            for (float score : scores) {
                assertThat(score).isStrictlyBetween(0f, 1f);
            }
        }
    }

    @Test
    void aSeedGivesTheSameModelUnderANewId() {
        Bundle first = TinyBundles.create(store, 7);
        Bundle second = TinyBundles.create(store, 7);
        Bundle other = TinyBundles.create(store, 8);
        assertThat(second.modelId()).isNotEqualTo(first.modelId());
        assertThat(second.manifest().files()).isEqualTo(first.manifest().files());
        assertThat(other.manifest().files().get("model.safetensors"))
                .isNotEqualTo(first.manifest().files().get("model.safetensors"));
        List<String> texts = SyntheticLeads.texts(TextSpec.defaults(), 5, 3);
        try (LeadPredictor a = LeadPredictor.open(first, Device.cpu());
                LeadPredictor b = LeadPredictor.open(second, Device.cpu())) {
            assertThat(b.predictTexts(texts)).containsExactly(a.predictTexts(texts));
        }
    }
}
