package io.leadscorer.model.tokenizer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A Hugging Face {@code tokenizer.json} for a WordPiece vocabulary: the BERT special tokens, the given normalizer
 * and pre-tokenizer, "##" continuations and [CLS] ... [SEP] around every text. Written in one place for both the
 * tokenizer built from lead text and the one made of a checkpoint's classic {@code vocab.txt}.
 */
public final class WordPieceJson {
    public static final String PAD = "[PAD]";
    public static final String UNK = "[UNK]";
    public static final String CLS = "[CLS]";
    public static final String SEP = "[SEP]";
    public static final String MASK = "[MASK]";
    public static final List<String> SPECIAL_TOKENS = List.of(PAD, UNK, CLS, SEP, MASK);
    public static final String CONTINUATION = "##";
    static final int MAX_INPUT_CHARS_PER_WORD = 100;

    private static final ObjectMapper JSON = new ObjectMapper();

    private WordPieceJson() {}

    /** The normalizer of lead-text tokenizers: Unicode NFC only (LeadText has already cleaned the text). */
    public static ObjectNode nfcNormalizer() {
        return JSON.createObjectNode().put("type", "NFC");
    }

    /** BERT's normalizer, as {@code BertTokenizerFast} configures it. */
    public static ObjectNode bertNormalizer(boolean lowercase) {
        ObjectNode normalizer = JSON.createObjectNode().put("type", "BertNormalizer").put("clean_text", true)
                .put("handle_chinese_chars", true).put("lowercase", lowercase);
        normalizer.putNull("strip_accents");
        return normalizer;
    }

    public static ObjectNode preTokenizer(String type) {
        return JSON.createObjectNode().put("type", type);
    }

    /** Writes the tokenizer.json; {@code vocab} must hold every special token. */
    public static Path write(Map<String, Integer> vocab, ObjectNode normalizer, ObjectNode preTokenizer, Path out) {
        for (String token : SPECIAL_TOKENS) {
            if (!vocab.containsKey(token)) {
                throw new IllegalArgumentException("the vocabulary has no " + token + " token");
            }
        }
        try {
            JSON.writerWithDefaultPrettyPrinter().writeValue(out.toFile(), json(vocab, normalizer, preTokenizer));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out, e);
        }
    }

    static ObjectNode json(Map<String, Integer> vocab, ObjectNode normalizer, ObjectNode preTokenizer) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        for (String token : SPECIAL_TOKENS) {
            added.addObject().put("id", vocab.get(token)).put("content", token).put("single_word", false)
                    .put("lstrip", false).put("rstrip", false).put("normalized", false).put("special", true);
        }
        root.set("normalizer", normalizer);
        root.set("pre_tokenizer", preTokenizer);
        ObjectNode post = root.putObject("post_processor");
        post.put("type", "TemplateProcessing");
        ArrayNode single = post.putArray("single");
        special(single, CLS, 0);
        sequence(single, "A", 0);
        special(single, SEP, 0);
        ArrayNode pair = post.putArray("pair");
        special(pair, CLS, 0);
        sequence(pair, "A", 0);
        special(pair, SEP, 0);
        sequence(pair, "B", 1);
        special(pair, SEP, 1);
        ObjectNode specials = post.putObject("special_tokens");
        for (String token : List.of(CLS, SEP)) {
            ObjectNode entry = specials.putObject(token);
            entry.put("id", token);
            entry.putArray("ids").add(vocab.get(token));
            entry.putArray("tokens").add(token);
        }
        root.putObject("decoder").put("type", "WordPiece").put("prefix", CONTINUATION).put("cleanup", true);
        ObjectNode model = root.putObject("model");
        model.put("type", "WordPiece");
        model.put("unk_token", UNK);
        model.put("continuing_subword_prefix", CONTINUATION);
        model.put("max_input_chars_per_word", MAX_INPUT_CHARS_PER_WORD);
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
