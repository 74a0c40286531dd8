package io.leadscorer.model.network;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The shape of a {@link BertClassifier}, as a Hugging Face BERT {@code config.json}. Using the Hugging Face
 * field names means a pretrained checkpoint's own config reads unchanged (fields this network does not use,
 * such as {@code architectures} or {@code pad_token_id}, are ignored) and a bundle's config reads back in
 * Python's {@code transformers}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BertConfig(
        @JsonProperty("vocab_size") int vocabSize,
        @JsonProperty("hidden_size") int hiddenSize,
        @JsonProperty("num_hidden_layers") int numHiddenLayers,
        @JsonProperty("num_attention_heads") int numAttentionHeads,
        @JsonProperty("intermediate_size") int intermediateSize,
        @JsonProperty("max_position_embeddings") int maxPositionEmbeddings,
        @JsonProperty("type_vocab_size") int typeVocabSize,
        @JsonProperty("hidden_dropout_prob") double hiddenDropoutProb,
        @JsonProperty("attention_probs_dropout_prob") double attentionProbsDropoutProb,
        @JsonProperty("layer_norm_eps") double layerNormEps,
        @JsonProperty("hidden_act") String hiddenAct) {

    /** The only activation implemented: the exact (erf) GELU that Hugging Face calls "gelu". */
    public static final String GELU = "gelu";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public BertConfig {
        requirePositive("vocab_size", vocabSize);
        requirePositive("hidden_size", hiddenSize);
        requirePositive("num_hidden_layers", numHiddenLayers);
        requirePositive("num_attention_heads", numAttentionHeads);
        requirePositive("intermediate_size", intermediateSize);
        requirePositive("max_position_embeddings", maxPositionEmbeddings);
        requirePositive("type_vocab_size", typeVocabSize);
        if (hiddenSize % numAttentionHeads != 0) {
            throw new IllegalArgumentException("hidden_size " + hiddenSize
                    + " is not a multiple of num_attention_heads " + numAttentionHeads);
        }
        requireProbability("hidden_dropout_prob", hiddenDropoutProb);
        requireProbability("attention_probs_dropout_prob", attentionProbsDropoutProb);
        if (!(layerNormEps > 0)) {
            throw new IllegalArgumentException("layer_norm_eps must be positive, was " + layerNormEps);
        }
        hiddenAct = hiddenAct == null ? GELU : hiddenAct;
        if (!GELU.equals(hiddenAct)) {
            throw new IllegalArgumentException("hidden_act '" + hiddenAct + "' is not supported (only '" + GELU + "')");
        }
    }

    /**
     * The default network for training from scratch on CPU: 2 layers of hidden size 128 with 4 heads and a
     * feed-forward of 256, 48 positions (= {@link io.leadscorer.model.text.TextSpec#defaults()}' max tokens; the
     * trainer's application.yml has the same numbers). Chosen by measurement on simulated leads (the trainer's
     * CompactNetworkBenchmark): with a tokenizer built from 48,000 training rows a lead is 26 tokens on average,
     * at most 37 (none truncated at 48; 1.5% would be at 32); from 2,400 rows it is 31 on average, 3% over 48. A
     * SAM step of 64 leads on 2 CPU threads took 181 ms with a feed-forward of 256 against 210 ms with 512, which
     * keeps four epochs of 60,000 augmented rows within the 20-minute budget.
     */
    public static BertConfig compact(int vocabSize) {
        return new BertConfig(vocabSize, 128, 2, 4, 256, 48, 2, 0.1, 0.1, 1e-12, GELU);
    }

    /**
     * Reads a config.json: the sizes are required; the other fields take Hugging Face's {@code BertConfig}
     * defaults when absent, as {@code transformers} does.
     */
    @JsonCreator
    static BertConfig fromJson(
            @JsonProperty("vocab_size") Integer vocabSize,
            @JsonProperty("hidden_size") Integer hiddenSize,
            @JsonProperty("num_hidden_layers") Integer numHiddenLayers,
            @JsonProperty("num_attention_heads") Integer numAttentionHeads,
            @JsonProperty("intermediate_size") Integer intermediateSize,
            @JsonProperty("max_position_embeddings") Integer maxPositionEmbeddings,
            @JsonProperty("type_vocab_size") Integer typeVocabSize,
            @JsonProperty("hidden_dropout_prob") Double hiddenDropoutProb,
            @JsonProperty("attention_probs_dropout_prob") Double attentionProbsDropoutProb,
            @JsonProperty("layer_norm_eps") Double layerNormEps,
            @JsonProperty("hidden_act") String hiddenAct) {
        return new BertConfig(
                required("vocab_size", vocabSize),
                required("hidden_size", hiddenSize),
                required("num_hidden_layers", numHiddenLayers),
                required("num_attention_heads", numAttentionHeads),
                required("intermediate_size", intermediateSize),
                required("max_position_embeddings", maxPositionEmbeddings),
                typeVocabSize == null ? 2 : typeVocabSize,
                hiddenDropoutProb == null ? 0.1 : hiddenDropoutProb,
                attentionProbsDropoutProb == null ? 0.1 : attentionProbsDropoutProb,
                layerNormEps == null ? 1e-12 : layerNormEps,
                hiddenAct);
    }

    /** Hugging Face's {@code model_type}, written so that {@code transformers.AutoConfig} reads the file. */
    @JsonProperty("model_type")
    public String modelType() {
        return "bert";
    }

    public int headSize() {
        return hiddenSize / numAttentionHeads;
    }

    /** The same network with another vocabulary (a tokenizer built after the config was chosen). */
    public BertConfig withVocabSize(int newVocabSize) {
        return new BertConfig(newVocabSize, hiddenSize, numHiddenLayers, numAttentionHeads, intermediateSize,
                maxPositionEmbeddings, typeVocabSize, hiddenDropoutProb, attentionProbsDropoutProb, layerNormEps,
                hiddenAct);
    }

    public static BertConfig read(Path file) {
        try {
            return JSON.readValue(file.toFile(), BertConfig.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read BERT config " + file + ": " + e.getMessage(), e);
        }
    }

    /** A config.json's bytes (e.g. a bundle's verified copy); {@code source} names it in errors. */
    public static BertConfig fromJson(byte[] json, String source) {
        try {
            return JSON.readValue(json, BertConfig.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read BERT config " + source + ": " + e.getMessage(), e);
        }
    }

    public void write(Path file) {
        try {
            JSON.writeValue(file.toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write BERT config " + file, e);
        }
    }

    private static int required(String name, Integer value) {
        if (value == null) {
            throw new IllegalArgumentException("BERT config has no " + name);
        }
        return value;
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    private static void requireProbability(String name, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), was " + value);
        }
    }
}
