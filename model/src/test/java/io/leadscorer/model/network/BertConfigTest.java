package io.leadscorer.model.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BertConfigTest {

    /** bert-base-multilingual-cased's config.json as published on the Hugging Face hub. */
    static final String MULTILINGUAL_CASED = """
            {
              "architectures": ["BertForMaskedLM"],
              "attention_probs_dropout_prob": 0.1,
              "directionality": "bidi",
              "hidden_act": "gelu",
              "hidden_dropout_prob": 0.1,
              "hidden_size": 768,
              "initializer_range": 0.02,
              "intermediate_size": 3072,
              "layer_norm_eps": 1e-12,
              "max_position_embeddings": 512,
              "model_type": "bert",
              "num_attention_heads": 12,
              "num_hidden_layers": 12,
              "pad_token_id": 0,
              "pooler_fc_size": 768,
              "pooler_num_attention_heads": 12,
              "pooler_num_fc_layers": 3,
              "pooler_size_per_head": 128,
              "pooler_type": "first_token_transform",
              "type_vocab_size": 2,
              "vocab_size": 119547
            }
            """;

    @TempDir
    Path dir;

    @Test
    void readsAPretrainedCheckpointsConfig() throws IOException {
        Path file = Files.writeString(dir.resolve("config.json"), MULTILINGUAL_CASED);
        assertThat(BertConfig.read(file))
                .isEqualTo(new BertConfig(119547, 768, 12, 12, 3072, 512, 2, 0.1, 0.1, 1e-12, "gelu"));
    }

    @Test
    void writesWhatItReadsWithHuggingFaceNames() throws IOException {
        Path file = dir.resolve("config.json");
        BertConfig compact = BertConfig.compact(5000);
        compact.write(file);
        assertThat(BertConfig.read(file)).isEqualTo(compact);
        var json = new ObjectMapper().readTree(file.toFile());
        assertThat(json.get("model_type").asText()).isEqualTo("bert");
        assertThat(json.get("vocab_size").asInt()).isEqualTo(5000);
        assertThat(json.get("num_hidden_layers").asInt()).isEqualTo(2);
        assertThat(json.get("attention_probs_dropout_prob").asDouble()).isEqualTo(0.1);
        assertThat(json.get("hidden_act").asText()).isEqualTo("gelu");
    }

    @Test
    void takesHuggingFaceDefaultsForOptionalFields() throws IOException {
        Path file = Files.writeString(dir.resolve("config.json"), """
                {"vocab_size": 30, "hidden_size": 8, "num_hidden_layers": 1, "num_attention_heads": 2,
                 "intermediate_size": 16, "max_position_embeddings": 16}
                """);
        assertThat(BertConfig.read(file)).isEqualTo(new BertConfig(30, 8, 1, 2, 16, 16, 2, 0.1, 0.1, 1e-12, "gelu"));
    }

    @Test
    void compactIsTheDocumentedCpuDefault() {
        BertConfig compact = BertConfig.compact(8000);
        assertThat(compact.vocabSize()).isEqualTo(8000);
        assertThat(compact.hiddenSize()).isEqualTo(128);
        assertThat(compact.numHiddenLayers()).isEqualTo(2);
        assertThat(compact.numAttentionHeads()).isEqualTo(4);
        assertThat(compact.intermediateSize()).isEqualTo(256);
        assertThat(compact.maxPositionEmbeddings()).isEqualTo(48);
        assertThat(compact.maxPositionEmbeddings()).isEqualTo(io.leadscorer.model.text.TextSpec.defaults().maxTokens());
        assertThat(compact.headSize()).isEqualTo(32);
    }

    @Test
    void rejectsWhatTheNetworkCannotBuild() throws IOException {
        assertThatThrownBy(() -> new BertConfig(30, 10, 1, 3, 16, 16, 2, 0.1, 0.1, 1e-12, "gelu"))
                .hasMessageContaining("hidden_size 10 is not a multiple of num_attention_heads 3");
        assertThatThrownBy(() -> new BertConfig(30, 8, 1, 2, 16, 16, 2, 0.1, 0.1, 1e-12, "relu"))
                .hasMessageContaining("hidden_act 'relu' is not supported");
        assertThatThrownBy(() -> new BertConfig(30, 8, 1, 2, 16, 16, 2, 1.0, 0.1, 1e-12, "gelu"))
                .hasMessageContaining("hidden_dropout_prob must be in [0, 1)");
        Path noVocab = Files.writeString(dir.resolve("bad.json"), "{\"hidden_size\": 8}");
        assertThatThrownBy(() -> BertConfig.read(noVocab)).hasMessageContaining("BERT config has no vocab_size");
    }
}
