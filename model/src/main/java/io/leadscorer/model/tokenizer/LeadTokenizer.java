package io.leadscorer.model.tokenizer;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Turns lead texts into token ids with a Hugging Face {@code tokenizer.json} (DJL's binding of the Rust
 * tokenizers): special tokens added, truncated at max tokens, never padded (batches pad to their own longest).
 * Holds a native tokenizer: close it.
 */
public final class LeadTokenizer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HuggingFaceTokenizer tokenizer;
    private final int maxTokens;
    private final long padId;
    private final long maskId;
    private final int vocabSize;

    private LeadTokenizer(HuggingFaceTokenizer tokenizer, int maxTokens, long padId, long maskId, int vocabSize) {
        this.tokenizer = tokenizer;
        this.maxTokens = maxTokens;
        this.padId = padId;
        this.maskId = maskId;
        this.vocabSize = vocabSize;
    }

    /** Loads a tokenizer.json (a file, or a directory holding one). */
    public static LeadTokenizer load(Path tokenizerJson, int maxTokens) {
        Path file = Files.isDirectory(tokenizerJson) ? tokenizerJson.resolve("tokenizer.json") : tokenizerJson;
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tokenizer " + file, e);
        }
        return load(bytes, file.toString(), maxTokens);
    }

    /** Loads a tokenizer.json from its bytes (e.g. a bundle's verified copy); {@code source} names it in errors. */
    public static LeadTokenizer load(byte[] tokenizerJson, String source, int maxTokens) {
        if (maxTokens < 3) {
            throw new IllegalArgumentException("maxTokens must leave room for [CLS], [SEP] and a token: " + maxTokens);
        }
        JsonNode json;
        try {
            json = JSON.readTree(tokenizerJson);
        } catch (IOException e) {
            throw new IllegalArgumentException("tokenizer " + source + " is not JSON: " + e.getMessage(), e);
        }
        long padId = tokenId(json, "[PAD]")
                .orElseThrow(() -> new IllegalArgumentException("tokenizer " + source + " has no [PAD] token"));
        long maskId = tokenId(json, "[MASK]").orElse(tokenId(json, "[UNK]").orElse(-1));
        int vocabSize = vocabSize(json, source);
        Map<String, String> options = Map.of(
                "addSpecialTokens", "true",
                "truncation", "true",
                "maxLength", Integer.toString(maxTokens),
                "modelMaxLength", Integer.toString(maxTokens),
                "padding", "false");
        try (InputStream in = new ByteArrayInputStream(tokenizerJson)) {
            return new LeadTokenizer(HuggingFaceTokenizer.newInstance(in, options), maxTokens, padId, maskId, vocabSize);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tokenizer " + source, e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot load tokenizer " + source + ": " + e.getMessage(), e);
        }
    }

    public Encoded encode(String text) {
        return encoded(tokenizer.encode(text));
    }

    public List<Encoded> encode(List<String> texts) {
        List<Encoded> encoded = new ArrayList<>(texts.size());
        for (Encoding encoding : tokenizer.batchEncode(texts)) {
            encoded.add(encoded(encoding));
        }
        return encoded;
    }

    /** The tokens of a text as strings ([CLS] and [SEP] included), for inspection and tests. */
    public List<String> tokens(String text) {
        return List.of(tokenizer.encode(text).getTokens());
    }

    public long padId() {
        return padId;
    }

    /** The [MASK] token (else [UNK]) that hides a token in training, or -1 when the vocabulary has neither. */
    public long maskId() {
        return maskId;
    }

    /** Rows the embedding matrix needs: the highest token id plus one. */
    public int vocabSize() {
        return vocabSize;
    }

    public int maxTokens() {
        return maxTokens;
    }

    @Override
    public void close() {
        tokenizer.close();
    }

    private static Encoded encoded(Encoding encoding) {
        return new Encoded(encoding.getIds(), encoding.getAttentionMask());
    }

    private static OptionalLong tokenId(JsonNode json, String content) {
        for (JsonNode token : json.path("added_tokens")) {
            if (content.equals(token.path("content").asText())) {
                return OptionalLong.of(token.path("id").asLong());
            }
        }
        JsonNode inVocab = json.path("model").path("vocab").path(content);
        if (inVocab.isIntegralNumber()) {
            return OptionalLong.of(inVocab.asLong());
        }
        JsonNode padId = json.path("padding").path("pad_id");
        if ("[PAD]".equals(content) && padId.isIntegralNumber()) {
            return OptionalLong.of(padId.asLong());
        }
        return OptionalLong.empty();
    }

    private static int vocabSize(JsonNode json, String file) {
        long maxId = -1;
        JsonNode vocab = json.path("model").path("vocab");
        if (vocab.isObject()) {
            for (Iterator<JsonNode> ids = vocab.elements(); ids.hasNext(); ) {
                maxId = Math.max(maxId, ids.next().asLong());
            }
        } else if (vocab.isArray()) {
            maxId = vocab.size() - 1L;
        }
        for (JsonNode token : json.path("added_tokens")) {
            maxId = Math.max(maxId, token.path("id").asLong());
        }
        if (maxId < 0) {
            throw new IllegalArgumentException("tokenizer " + file + " has an empty vocabulary");
        }
        return Math.toIntExact(maxId + 1);
    }
}
