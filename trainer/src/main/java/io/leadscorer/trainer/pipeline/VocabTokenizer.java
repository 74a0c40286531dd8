package io.leadscorer.trainer.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadscorer.model.tokenizer.WordPieceJson;
import io.leadscorer.trainer.data.InputException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tokenizer.json that Hugging Face's {@code BertTokenizerFast} makes of a checkpoint that ships only the
 * classic {@code vocab.txt}: BERT normalizer (lower-casing as {@code do_lower_case} in tokenizer_config.json says,
 * Hugging Face's default true when absent) and BERT pre-tokenizer around {@code model}'s WordPiece layout.
 */
final class VocabTokenizer {
    static final String VOCAB_FILE = "vocab.txt";
    static final String CONFIG_FILE = "tokenizer_config.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private VocabTokenizer() {}

    /** Writes the tokenizer.json of the checkpoint directory {@code dir} (which holds vocab.txt) to {@code out}. */
    static void write(Path dir, Path out) {
        Map<String, Integer> vocab = vocab(dir.resolve(VOCAB_FILE));
        for (String token : WordPieceJson.SPECIAL_TOKENS) {
            if (!vocab.containsKey(token)) {
                throw new InputException("--base-model " + dir + ": " + VOCAB_FILE + " has no " + token + " token");
            }
        }
        WordPieceJson.write(vocab, WordPieceJson.bertNormalizer(lowercase(dir)),
                WordPieceJson.preTokenizer("BertPreTokenizer"), out);
    }

    private static Map<String, Integer> vocab(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputException("cannot read " + file + ": " + e.getMessage(), e);
        }
        Map<String, Integer> vocab = new LinkedHashMap<>();
        for (String line : lines) {
            String token = line.strip();
            if (!token.isEmpty()) {
                vocab.putIfAbsent(token, vocab.size());
            }
        }
        if (vocab.isEmpty()) {
            throw new InputException(file + " is empty");
        }
        return vocab;
    }

    static boolean lowercase(Path dir) {
        Path config = dir.resolve(CONFIG_FILE);
        if (!Files.isRegularFile(config)) {
            return true;
        }
        try {
            JsonNode lower = JSON.readTree(config.toFile()).get("do_lower_case");
            return lower == null || lower.asBoolean(true);
        } catch (IOException e) {
            throw new InputException("cannot read " + config + ": " + e.getMessage(), e);
        }
    }
}
