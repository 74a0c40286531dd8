package io.leadscorer.model.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadscorer.model.text.LeadColumns;
import io.leadscorer.model.text.TextSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WordPieceTokenizerBuilderTest {
    private static final List<String> CORPUS = List.of(
            "customer_idx_2333 customer_country_bogota_colombia bant_submit_0.25 customer_job_nan",
            "customer_idx_2333 customer_country_서울_대한민국 bant_submit_0.25 customer_job_jefe_de_compras",
            "customer_idx_2333 customer_country_bogota_colombia bant_submit_1 customer_job_nan",
            "customer_idx_45 customer_country_lima_peru bant_submit_0.5 customer_job_purchasing");

    @TempDir
    Path dir;

    @Test
    void vocabularyStartsWithSpecialsPrefixesAndCharacters() {
        Map<String, Integer> vocab = new WordPieceTokenizerBuilder().vocabSize(1000).vocabulary(CORPUS);

        assertThat(vocab).containsEntry("[PAD]", 0).containsEntry("[UNK]", 1).containsEntry("[CLS]", 2)
                .containsEntry("[SEP]", 3).containsEntry("[MASK]", 4)
                .containsEntry("bant_submit_", 5).containsEntry("lead_owner_", 5 + 27);
        assertThat(vocab).containsKeys("서", "##서", "9", "##9", "_", "##_", ".", "##.")
                .containsKeys("customer_idx_2333", "customer_country_bogota_colombia", "bant_submit_0.25",
                        "customer_job_nan")
                .doesNotContainKeys("customer_idx_45", "customer_country_lima_peru", "bant_submit_1");
        assertThat(vocab.get("customer_idx_2333")).isLessThan(vocab.get("bant_submit_0.25"));
        assertThat(new ArrayList<>(vocab.values())).isEqualTo(IntStream.range(0, vocab.size()).boxed().toList());
    }

    @Test
    void stopsAtTheVocabSizeAndHonoursMinFrequency() {
        WordPieceTokenizerBuilder builder = new WordPieceTokenizerBuilder().minFrequency(1);
        int mandatory = new WordPieceTokenizerBuilder().minFrequency(Integer.MAX_VALUE).vocabSize(1000)
                .vocabulary(CORPUS).size();

        Map<String, Integer> vocab = builder.vocabSize(mandatory + 2).vocabulary(CORPUS);

        assertThat(vocab).hasSize(mandatory + 2).containsKeys("customer_idx_2333", "bant_submit_0.25")
                .doesNotContainKeys("customer_job_nan");
        assertThat(builder.vocabSize(1000).vocabulary(CORPUS)).containsKeys("customer_idx_45", "bant_submit_1");
        assertThatThrownBy(() -> new WordPieceTokenizerBuilder().vocabSize(50).vocabulary(CORPUS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vocab size 50 is smaller than the " + mandatory);
    }

    @Test
    void writesTheHuggingFaceWordPieceLayout() throws Exception {
        Path file = new WordPieceTokenizerBuilder().vocabSize(1000).build(CORPUS, dir.resolve("sub/tokenizer.json"));

        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertThat(json.at("/pre_tokenizer/type").asText()).isEqualTo("WhitespaceSplit");
        assertThat(json.at("/normalizer/type").asText()).isEqualTo("NFC");
        assertThat(json.at("/model/type").asText()).isEqualTo("WordPiece");
        assertThat(json.at("/model/unk_token").asText()).isEqualTo("[UNK]");
        assertThat(json.at("/model/continuing_subword_prefix").asText()).isEqualTo("##");
        assertThat(json.at("/model/vocab/customer_idx_2333").isInt()).isTrue();
        assertThat(json.at("/post_processor/type").asText()).isEqualTo("TemplateProcessing");
        assertThat(json.at("/post_processor/special_tokens/[CLS]/ids/0").asInt()).isEqualTo(2);
        assertThat(json.at("/decoder/type").asText()).isEqualTo("WordPiece");
        assertThat(json.get("added_tokens")).hasSize(5);
        assertThat(json.at("/added_tokens/0/content").asText()).isEqualTo("[PAD]");
    }

    @Test
    void frequentCellsAreOneTokenAndUnseenCellsAreSpelledOut() {
        Path file = new WordPieceTokenizerBuilder().vocabSize(1000).build(CORPUS, dir.resolve("tokenizer.json"));

        try (LeadTokenizer tokenizer = LeadTokenizer.load(file, 64)) {
            assertThat(tokenizer.tokens("customer_idx_2333 customer_job_nan"))
                    .containsExactly("[CLS]", "customer_idx_2333", "customer_job_nan", "[SEP]");
            assertThat(tokenizer.encode("customer_idx_2333").ids()).hasSize(3);

            assertThat(tokenizer.tokens("customer_idx_9042 customer_country_서울_colombia"))
                    .containsExactly("[CLS]", "customer_idx_", "##9", "##0", "##4", "##2",
                            "customer_country_", "##서", "##울", "##_", "##c", "##o", "##l", "##o", "##m", "##b",
                            "##i", "##a", "[SEP]");
            assertThat(tokenizer.encode("customer_idx_9042").ids()).doesNotContain(1L);

            assertThat(tokenizer.tokens("customer_idx_Ω")).containsExactly("[CLS]", "[UNK]", "[SEP]");
        }
    }

    @Test
    void truncatesAtMaxTokensKeepingClsFirstAndSepLast() {
        Path file = new WordPieceTokenizerBuilder().vocabSize(1000).build(CORPUS, dir.resolve("tokenizer.json"));
        String longText = String.join(" ", Collections.nCopies(40, "customer_idx_2333 customer_idx_99"));

        try (LeadTokenizer tokenizer = LeadTokenizer.load(file, 16)) {
            Encoded encoded = tokenizer.encode(longText);

            assertThat(encoded.ids()).hasSize(16);
            assertThat(encoded.ids()[0]).isEqualTo(2L);
            assertThat(encoded.ids()[15]).isEqualTo(3L);
            assertThat(encoded.attentionMask()).containsOnly(1L);
        }
    }

    /** Token counts of simulated leads: how much of the 64-token budget a lead uses with a corpus-built vocab. */
    @Test
    void simulatedLeadsFitTheDefaultTokenBudget() {
        TextSpec spec = TextSpec.defaults();
        List<String> training = SimulatedLeads.texts(spec, 3000, 1);
        List<String> unseen = SimulatedLeads.texts(spec, 300, 2);
        Path file = new WordPieceTokenizerBuilder().vocabSize(8192).minFrequency(2)
                .build(training, dir.resolve("tokenizer.json"));

        try (LeadTokenizer untruncated = LeadTokenizer.load(file, 512)) {
            int[] lengths = untruncated.encode(unseen).stream().mapToInt(Encoded::length).sorted().toArray();
            long unknown = untruncated.encode(unseen).stream()
                    .flatMapToLong(e -> Arrays.stream(e.ids())).filter(id -> id == 1L).count();
            double mean = Arrays.stream(lengths).average().orElseThrow();
            long over = Arrays.stream(lengths).filter(n -> n > spec.maxTokens()).count();
            System.out.printf("simulated leads: vocab %d, tokens per lead mean %.1f p50 %d p95 %d max %d,"
                            + " over %d tokens %d of %d, [UNK] %d%n",
                    untruncated.vocabSize(), mean, lengths[lengths.length / 2],
                    lengths[(int) (lengths.length * 0.95)], lengths[lengths.length - 1], spec.maxTokens(), over,
                    lengths.length, unknown);

            assertThat(lengths[0]).isGreaterThanOrEqualTo(LeadColumns.ALL.size() + 2);
            assertThat(mean).isLessThan(spec.maxTokens());
            assertThat(unknown).isLessThan(unseen.size() / 10);
        }
    }
}
