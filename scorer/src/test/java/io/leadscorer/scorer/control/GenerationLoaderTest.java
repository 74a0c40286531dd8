package io.leadscorer.scorer.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadscorer.avro.MqlEvent;
import io.leadscorer.model.bundle.Bundle;
import io.leadscorer.model.bundle.BundleLimits;
import io.leadscorer.model.predict.LeadPredictor;
import io.leadscorer.scorer.predict.ActiveGeneration;
import io.leadscorer.scorer.predict.Generation;
import io.leadscorer.scorer.predict.PredictorLeadScorer;
import io.leadscorer.scorer.testing.BadBundles;
import io.leadscorer.scorer.testing.BadBundles.Candidate;
import io.leadscorer.scorer.testing.Leads;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerationLoaderTest {

    @TempDir
    Path store;

    private final List<Generation> closed = new ArrayList<>();
    private final GenerationLoader loader = new GenerationLoader(Device.cpu(), BundleLimits.DEFAULT, 4, 1, closed::add);

    @Test
    void loadsAVerifiedBundleIntoAGenerationThatScoresLikeThePredictor() {
        Candidate valid = BadBundles.valid(store, 1);
        Generation generation = loader.load(valid.dir(), valid.modelId(), valid.manifestSha256());
        List<MqlEvent> leads = Leads.leads("g", 5, Instant.EPOCH);
        float[] expected;
        try (LeadPredictor predictor = LeadPredictor.open(Bundle.open(valid.dir()), Device.cpu())) {
            expected = predictor.predict(leads);
        }
        ActiveGeneration active = new ActiveGeneration();
        active.switchTo(generation);
        float[] actual = new PredictorLeadScorer(active).score(leads).probabilities();
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).isCloseTo(expected[i], within(1e-6f));
        }
        active.close();
        assertThat(generation.isClosed()).isTrue();
        assertThat(closed).containsExactly(generation);
    }

    @Test
    void rejectsAFlippedByteInTheWeights() {
        Candidate bad = BadBundles.flippedWeightByte(store);
        assertThatThrownBy(() -> loader.load(bad.dir(), bad.modelId(), bad.manifestSha256()))
                .isInstanceOf(RejectedBundleException.class).hasMessageContaining("model.safetensors has SHA-256");
    }

    @Test
    void rejectsAManifestWhoseFingerprintDiffersFromTheCommand() {
        Candidate valid = BadBundles.valid(store, 2);
        String other = "0".repeat(64);
        assertThatThrownBy(() -> loader.load(valid.dir(), valid.modelId(), other))
                .isInstanceOf(RejectedBundleException.class).hasMessageContaining("but the command says " + other);
    }

    @Test
    void rejectsAMissingFile() {
        Candidate bad = BadBundles.missingFile(store);
        assertThatThrownBy(() -> loader.load(bad.dir(), bad.modelId(), bad.manifestSha256()))
                .isInstanceOf(RejectedBundleException.class)
                .hasMessageContaining("tokenizer.json is listed in manifest.json but missing");
    }

    @Test
    void rejectsAnUnknownManifestFormatVersion() {
        Candidate bad = BadBundles.editedManifest(store, 3, tree -> tree.put("format_version", 99));
        assertThatThrownBy(() -> loader.load(bad.dir(), bad.modelId(), bad.manifestSha256()))
                .isInstanceOf(RejectedBundleException.class).hasMessageContaining("format version 99");
    }

    @Test
    void rejectsAbsurdNetworkDimensionsBeforeAllocatingAnything() {
        Candidate bad = BadBundles.editedManifest(store, 4,
                tree -> ((ObjectNode) tree.get("network")).put("num_hidden_layers", 1_000_000));
        assertThatThrownBy(() -> loader.load(bad.dir(), bad.modelId(), bad.manifestSha256()))
                .isInstanceOf(RejectedBundleException.class)
                .hasMessageContaining("num_hidden_layers 1000000 exceeds the limit of 48");
    }

    @Test
    void rejectsASpecNamingAColumnTheInputLacks() {
        Candidate bad = BadBundles.editedManifest(store, 5,
                tree -> ((ObjectNode) tree.get("text")).withArray("kept_columns").add("annual_revenue"));
        assertThatThrownBy(() -> loader.load(bad.dir(), bad.modelId(), bad.manifestSha256()))
                .isInstanceOf(RejectedBundleException.class).hasMessageContaining("annual_revenue");
    }

    @Test
    void rejectsAManifestNamingAnotherModel() {
        Candidate valid = BadBundles.valid(store, 6);
        assertThatThrownBy(() -> loader.load(valid.dir(), "someone-else", valid.manifestSha256()))
                .isInstanceOf(RejectedBundleException.class).hasMessageContaining("differs from the command's someone-else");
    }

    @Test
    void rejectsAFileOverTheSizeBound() {
        Candidate valid = BadBundles.valid(store, 7);
        GenerationLoader strict = new GenerationLoader(Device.cpu(), new BundleLimits(1 << 20, 1024, 1L << 30, 48,
                4096, 16384, 1_000_000, 8192), 4, 1, closed::add);
        assertThatThrownBy(() -> strict.load(valid.dir(), valid.modelId(), valid.manifestSha256()))
                .isInstanceOf(RejectedBundleException.class).hasMessageContaining("over the limit of 1024");
    }
}
