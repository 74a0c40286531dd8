package io.leadscorer.model.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeadTokenizerTest {
    @TempDir
    Path dir;

    /** The layout of bert-base-multilingual-cased's tokenizer.json with a ten-word vocabulary. */
    private static final String BERT_STYLE = """
            {
              "version": "1.0",
              "truncation": null,
              "padding": null,
              "added_tokens": [
                {"id": 0, "content": "[PAD]", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
                {"id": 5, "content": "[UNK]", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
                {"id": 6, "content": "[CLS]", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
                {"id": 7, "content": "[SEP]", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
                {"id": 8, "content": "[MASK]", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true}
              ],
              "normalizer": {"type": "BertNormalizer", "clean_text": true, "handle_chinese_chars": true, "strip_accents": null, "lowercase": false},
              "pre_tokenizer": {"type": "BertPreTokenizer"},
              "post_processor": {
                "type": "TemplateProcessing",
                "single": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}, {"SpecialToken": {"id": "[SEP]", "type_id": 0}}],
                "pair": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}, {"SpecialToken": {"id": "[SEP]", "type_id": 0}}, {"Sequence": {"id": "B", "type_id": 1}}, {"SpecialToken": {"id": "[SEP]", "type_id": 1}}],
                "special_tokens": {
                  "[CLS]": {"id": "[CLS]", "ids": [6], "tokens": ["[CLS]"]},
                  "[SEP]": {"id": "[SEP]", "ids": [7], "tokens": ["[SEP]"]}
                }
              },
              "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": true},
              "model": {
                "type": "WordPiece",
                "unk_token": "[UNK]",
                "continuing_subword_prefix": "##",
                "max_input_chars_per_word": 100,
                "vocab": {"[PAD]": 0, "customer": 1, "_": 2, "idx": 3, "##3": 4, "[UNK]": 5, "[CLS]": 6, "[SEP]": 7,
                          "[MASK]": 8, "23": 9, "서울": 10, "job": 11}
              }
            }
            """;

    @Test
    void loadsABertStyleTokenizerJson() throws Exception {
        Path file = Files.writeString(dir.resolve("tokenizer.json"), BERT_STYLE);

        try (LeadTokenizer tokenizer = LeadTokenizer.load(dir, 8)) {
            assertThat(tokenizer.padId()).isZero();
            assertThat(tokenizer.maskId()).isEqualTo(8);
            assertThat(tokenizer.vocabSize()).isEqualTo(12);
            assertThat(tokenizer.tokens("customer_idx_23 서울"))
                    .containsExactly("[CLS]", "customer", "_", "idx", "_", "23", "서울", "[SEP]");
            Encoded encoded = tokenizer.encode("customer_idx_233 서울 job");
            assertThat(encoded.ids()).containsExactly(6, 1, 2, 3, 2, 9, 4, 7);
            assertThat(encoded.attentionMask()).containsExactly(1, 1, 1, 1, 1, 1, 1, 1);
        }
        assertThat(file).exists();
    }

    @Test
    void encodesBatchesLikeSingleTextsWithoutPadding() {
        Path file = new WordPieceTokenizerBuilder().vocabSize(500)
                .build(List.of("bant_submit_1 lead_owner_7", "bant_submit_1 lead_owner_7"), dir.resolve("tokenizer.json"));
        List<String> texts = List.of("bant_submit_1 lead_owner_7", "bant_submit_0.75 lead_owner_12345", "bant_submit_1");

        try (LeadTokenizer tokenizer = LeadTokenizer.load(file, 64)) {
            List<Encoded> batch = tokenizer.encode(texts);

            assertThat(batch).containsExactly(tokenizer.encode(texts.get(0)), tokenizer.encode(texts.get(1)),
                    tokenizer.encode(texts.get(2)));
            assertThat(batch).extracting(Encoded::length).containsExactly(4, 13, 3);
            assertThat(tokenizer.padId()).isZero();
            assertThat(tokenizer.tokens("[MASK]")).containsExactly("[CLS]", "[MASK]", "[SEP]");
            assertThat(tokenizer.encode("[MASK]").ids()[1]).isEqualTo(tokenizer.maskId());
            assertThat(tokenizer.maxTokens()).isEqualTo(64);
        }
    }

    @Test
    void withoutAMaskTokenUnkIsTheTokenThatHidesOthers() throws Exception {
        String withoutMask = BERT_STYLE
                .replace(",\n    {\"id\": 8, \"content\": \"[MASK]\", \"single_word\": false, \"lstrip\": false, \"rstrip\": false, \"normalized\": false, \"special\": true}", "")
                .replace("\"[MASK]\": 8, ", "");
        assertThat(withoutMask).doesNotContain("[MASK]");
        Files.writeString(dir.resolve("tokenizer.json"), withoutMask);

        try (LeadTokenizer tokenizer = LeadTokenizer.load(dir, 8)) {
            assertThat(tokenizer.maskId()).isEqualTo(5);
        }
    }

    @Test
    void vocabSizeCountsEveryEntry() {
        Path file = new WordPieceTokenizerBuilder().vocabSize(500).minFrequency(1)
                .build(List.of("ver_cus_1"), dir.resolve("tokenizer.json"));

        try (LeadTokenizer tokenizer = LeadTokenizer.load(file, 64)) {
            // 5 specials, 28 prefixes, the 39 characters of the base alphabet twice, 1 word
            assertThat(tokenizer.vocabSize()).isEqualTo(5 + 28 + 2 * 39 + 1);
        }
    }

    @Test
    void failsClearlyOnAMissingOrBrokenFile() throws Exception {
        assertThatThrownBy(() -> LeadTokenizer.load(dir.resolve("absent.json"), 64))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("absent.json");
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"model\": {\"type\": \"WordPiece\"}, \"added_tokens\": [{\"id\": 0, \"content\": \"[PAD]\"}]}");
        assertThatThrownBy(() -> LeadTokenizer.load(broken, 64))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("broken.json");
    }

    @Test
    void closeReleasesTheNativeTokenizer() {
        Path file = new WordPieceTokenizerBuilder().vocabSize(500).build(List.of("ver_cus_1"), dir.resolve("t.json"));
        LeadTokenizer tokenizer = LeadTokenizer.load(file, 64);

        tokenizer.close();

        assertThatThrownBy(() -> tokenizer.encode("ver_cus_1")).isInstanceOf(IllegalStateException.class);
    }
}
