package io.leadscorer.model.predict;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import io.leadscorer.model.bundle.Bundle;
import io.leadscorer.model.testing.SyntheticLeads;
import io.leadscorer.model.testing.TinyBundles;
import io.leadscorer.model.text.TextSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleModelTest {

    @TempDir
    Path store;

    @Test
    void predictorsOnOneSharedNetworkScoreLikeAPredictorOfItsOwn() {
        Bundle bundle = TinyBundles.create(store);
        List<String> texts = SyntheticLeads.texts(TextSpec.defaults().withMaxTokens(TinyBundles.MAX_TOKENS), 20, 3);
        float[] alone;
        try (LeadPredictor predictor = LeadPredictor.open(bundle, Device.cpu())) {
            alone = predictor.predictTexts(texts);
        }
        try (BundleModel model = BundleModel.load(bundle, Device.cpu())) {
            int weights = model.nativeArrays();
            try (LeadPredictor one = model.newPredictor(); LeadPredictor two = model.newPredictor()) {
                assertThat(one.predictTexts(texts)).containsExactly(alone);
                assertThat(two.predictTexts(texts)).containsExactly(alone);
            }
            assertThat(model.nativeArrays()).as("closing predictors leaves the shared weights alone").isEqualTo(weights);
        }
    }

    @Test
    void loadsTheVerifiedWeightsNotWhatTheDirectoryHoldsLater() throws Exception {
        Bundle bundle = TinyBundles.create(store, 1);
        Bundle other = TinyBundles.create(store, 2);
        List<String> texts = SyntheticLeads.texts(TextSpec.defaults().withMaxTokens(TinyBundles.MAX_TOKENS), 10, 4);
        float[] verified;
        try (LeadPredictor predictor = LeadPredictor.open(bundle, Device.cpu())) {
            verified = predictor.predictTexts(texts);
        }
        Bundle opened = Bundle.open(bundle.dir());
        Files.copy(other.file(BundleModel.WEIGHTS_FILE), bundle.dir().resolve(BundleModel.WEIGHTS_FILE),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        try (LeadPredictor predictor = LeadPredictor.open(opened, Device.cpu())) {
            assertThat(predictor.predictTexts(texts)).containsExactly(verified);
        }
    }
}
