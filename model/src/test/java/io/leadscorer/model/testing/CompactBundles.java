package io.leadscorer.model.testing;

import ai.djl.ndarray.NDManager;
import io.leadscorer.model.bundle.Bundle;
import io.leadscorer.model.bundle.BundleWriter;
import io.leadscorer.model.bundle.Manifest;
import io.leadscorer.model.network.BertClassifier;
import io.leadscorer.model.network.BertConfig;
import io.leadscorer.model.network.BertWeights;
import io.leadscorer.model.predict.LeadPredictor;
import io.leadscorer.model.text.TextSpec;
import io.leadscorer.model.tokenizer.LeadTokenizer;
import io.leadscorer.model.tokenizer.WordPieceTokenizerBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A bundle of the production network size ({@link BertConfig#compact}) with untrained (randomly initialised)
 * weights and a tokenizer built from the given lead texts, for benchmarks: what it costs to score does not
 * depend on what the weights learnt.
 */
public final class CompactBundles {

    /** The trainer's default vocabulary size (trainer application.yml), so that benchmark sequences are as long as a trained model's. */
    public static final int VOCAB_SIZE = 20_000;

    private CompactBundles() {
    }

    public static Bundle create(Path store, List<String> texts) {
        try (BundleWriter writer = BundleWriter.begin(store)) {
            Path staging = writer.staging();
            Path tokenizerFile = new WordPieceTokenizerBuilder().vocabSize(VOCAB_SIZE).minFrequency(2)
                    .build(texts, staging.resolve(LeadPredictor.TOKENIZER_FILE));
            int vocabSize;
            try (LeadTokenizer tokenizer = LeadTokenizer.load(tokenizerFile, TextSpec.defaults().maxTokens())) {
                vocabSize = tokenizer.vocabSize();
            }
            BertConfig config = BertConfig.compact(vocabSize);
            config.write(staging.resolve(LeadPredictor.CONFIG_FILE));
            try (NDManager manager = NDManager.newBaseManager()) {
                BertClassifier net = new BertClassifier(config);
                net.initialize(manager);
                BertWeights.save(net, staging.resolve(LeadPredictor.WEIGHTS_FILE));
            }
            Instant now = Instant.now();
            String modelId = BundleWriter.newModelId(now, "compact-benchmark".getBytes(StandardCharsets.UTF_8));
            return writer.publish(Manifest.of(modelId, now, "none (random weights, benchmark)", config,
                    TextSpec.defaults(), 0.5, Map.of(), Map.of()));
        }
    }
}
