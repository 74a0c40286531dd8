package io.leadscorer.model.bundle;

import io.leadscorer.model.network.BertConfig;
import io.leadscorer.model.text.TextSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small bundles with known content for the bundle tests. */
final class Bundles {
    /** SHA-256 of the UTF-8 bytes "hello". */
    static final String HELLO_SHA256 = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";

    private Bundles() {}

    static Manifest manifest(String modelId, Instant created) {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("f1", 0.8123);
        metrics.put("epochs", 3);
        metrics.put("confusion", Map.of("tp", 10, "fp", 2));
        return Manifest.of(modelId, created, "bert-base-multilingual-cased", BertConfig.compact(1000),
                TextSpec.defaults().withDropped(List.of("ver_pro", "it_strategic_ver")), 0.42, metrics,
                Map.of("customer_idx", 0.31, "ver_pro", 0.001));
    }

    /** Publishes a bundle holding config.json, tokenizer.json ("hello") and plots/roc.png. */
    static Bundle publish(Path store, String modelId, Instant created) throws IOException {
        try (BundleWriter writer = BundleWriter.begin(store)) {
            Path staging = writer.staging();
            BertConfig.compact(1000).write(staging.resolve("config.json"));
            Files.writeString(staging.resolve("tokenizer.json"), "hello");
            Files.createDirectories(staging.resolve("plots"));
            Files.write(staging.resolve("plots/roc.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
            return writer.publish(manifest(modelId, created));
        }
    }
}
