package io.leadscorer.trainer.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadscorer.trainer.data.InputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tokenizer.json that Hugging Face's {@code BertTokenizerFast} makes of a checkpoint that ships only the
 * classic {@code vocab.txt}: BERT normalizer (lower-casing as {@code do_lower_case} in tokenizer_config.json says,
 * Hugging Face's default true when absent), BERT pre-tokenizer, WordPiece with "##" continuations, and
 * [CLS] ... [SEP] around every text.
 */
final class VocabTokenizer {
    static final String VOCAB_FILE = "vocab.txt";
    static final String CONFIG_FILE = "tokenizer_config.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SPECIAL = List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]");

    private VocabTokenizer() {}

    /** Writes the tokenizer.json of the checkpoint directory {@code dir} (which holds vocab.txt) to {@code out}. */
    static void write(Path dir, Path out) {
        Map<String, Integer> vocab = vocab(dir.resolve(VOCAB_FILE));
        for (String token : SPECIAL) {
            if (!vocab.containsKey(token)) {
                throw new InputException("--base-model " + dir + ": " + VOCAB_FILE + " has no " + token + " token");
            }
        }
        try {
            JSON.writerWithDefaultPrettyPrinter().writeValue(out.toFile(), tokenizerJson(vocab, lowercase(dir)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out, e);
        }
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

    private static ObjectNode tokenizerJson(Map<String, Integer> vocab, boolean lowercase) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        for (String token : SPECIAL) {
            added.addObject().put("id", vocab.get(token)).put("content", token).put("single_word", false)
                    .put("lstrip", false).put("rstrip", false).put("normalized", false).put("special", true);
        }
        root.putObject("normalizer").put("type", "BertNormalizer").put("clean_text", true)
                .put("handle_chinese_chars", true).putNull("strip_accents").put("lowercase", lowercase);
        root.putObject("pre_tokenizer").put("type", "BertPreTokenizer");
        ObjectNode post = root.putObject("post_processor");
        post.put("type", "TemplateProcessing");
        ArrayNode single = post.putArray("single");
        special(single, "[CLS]", 0);
        sequence(single, "A", 0);
        special(single, "[SEP]", 0);
        ArrayNode pair = post.putArray("pair");
        special(pair, "[CLS]", 0);
        sequence(pair, "A", 0);
        special(pair, "[SEP]", 0);
        sequence(pair, "B", 1);
        special(pair, "[SEP]", 1);
        ObjectNode specials = post.putObject("special_tokens");
        for (String token : List.of("[CLS]", "[SEP]")) {
            ObjectNode entry = specials.putObject(token);
            entry.put("id", token);
            entry.putArray("ids").add(vocab.get(token));
            entry.putArray("tokens").add(token);
        }
        root.putObject("decoder").put("type", "WordPiece").put("prefix", "##").put("cleanup", true);
        ObjectNode model = root.putObject("model");
        model.put("type", "WordPiece");
        model.put("unk_token", "[UNK]");
        model.put("continuing_subword_prefix", "##");
        model.put("max_input_chars_per_word", 100);
        ObjectNode entries = model.putObject("vocab");
        vocab.forEach(entries::put);
        return root;
    }

    private static void special(ArrayNode template, String token, int typeId) {
        template.addObject().putObject("SpecialToken").put("id", token).put("type_id", typeId);
    }

    private static void sequence(ArrayNode template, String id, int typeId) {
        template.addObject().putObject("Sequence").put("id", id).put("type_id", typeId);
    }
}
