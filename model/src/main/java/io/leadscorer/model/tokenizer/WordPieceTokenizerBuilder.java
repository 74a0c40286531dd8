package io.leadscorer.model.tokenizer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadscorer.model.text.LeadColumn;
import io.leadscorer.model.text.LeadColumns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Builds a Hugging Face WordPiece {@code tokenizer.json} from lead texts, for a compact BERT trained from scratch.
 * Words are split on white space only, so a frequent {@code column_value} cell is one token; every column
 * prefix and every character seen (alone and as a {@code ##} continuation) are in the vocabulary too, so a
 * cell never seen in training still tokenizes without [UNK], as its column prefix followed by characters
 * ({@code customer_idx_} {@code ##9} {@code ##0} ...). Digits, a-z, '.', '-' and '_' are always included, so
 * that no id or number becomes [UNK] because a small corpus lacked one of its characters.
 */
public final class WordPieceTokenizerBuilder {
    public static final String PAD = "[PAD]";
    public static final String UNK = "[UNK]";
    public static final String CLS = "[CLS]";
    public static final String SEP = "[SEP]";
    public static final String MASK = "[MASK]";
    /** Ids 0 to 4, in this order. */
    public static final List<String> SPECIAL_TOKENS = List.of(PAD, UNK, CLS, SEP, MASK);
    public static final String CONTINUATION = "##";

    /** Unicode White_Space, as the tokenizers' WhitespaceSplit pre-tokenizer splits. */
    private static final Pattern WHITE_SPACE = Pattern.compile("\\p{IsWhite_Space}+");
    private static final int MAX_INPUT_CHARS_PER_WORD = 100;
    private static final String BASE_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz.-_";

    private int vocabSize = 8192;
    private int minFrequency = 2;

    /** Target number of vocabulary entries, specials, prefixes and characters included. */
    public WordPieceTokenizerBuilder vocabSize(int size) {
        if (size <= SPECIAL_TOKENS.size()) {
            throw new IllegalArgumentException("vocab size must exceed the special tokens: " + size);
        }
        this.vocabSize = size;
        return this;
    }

    /** How often a whole word must occur to get its own token. */
    public WordPieceTokenizerBuilder minFrequency(int frequency) {
        if (frequency < 1) {
            throw new IllegalArgumentException("min frequency must be at least 1: " + frequency);
        }
        this.minFrequency = frequency;
        return this;
    }

    /** Counts the words of the texts, writes tokenizer.json to {@code out} and returns {@code out}. */
    public Path build(Iterable<String> texts, Path out) {
        Map<String, Integer> vocab = vocabulary(texts);
        try {
            Path parent = out.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(out.toFile(), tokenizerJson(vocab));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out, e);
        }
        return out;
    }

    /** Token to id: special tokens, column prefixes, characters, ## characters, then the most frequent words. */
    Map<String, Integer> vocabulary(Iterable<String> texts) {
        Map<String, Integer> counts = new HashMap<>();
        TreeSet<Integer> characters = new TreeSet<>();
        BASE_ALPHABET.codePoints().forEach(characters::add);
        for (String text : texts) {
            for (String word : WHITE_SPACE.split(Normalizer.normalize(text, Normalizer.Form.NFC))) {
                if (!word.isEmpty()) {
                    counts.merge(word, 1, Integer::sum);
                    word.codePoints().forEach(characters::add);
                }
            }
        }
        Map<String, Integer> vocab = new LinkedHashMap<>();
        SPECIAL_TOKENS.forEach(token -> add(vocab, token));
        LeadColumns.ALL.stream().map(LeadColumn::prefix).forEach(prefix -> add(vocab, prefix));
        characters.forEach(c -> add(vocab, Character.toString(c)));
        characters.forEach(c -> add(vocab, CONTINUATION + Character.toString(c)));
        if (vocab.size() > vocabSize) {
            throw new IllegalArgumentException("vocab size " + vocabSize + " is smaller than the " + vocab.size()
                    + " entries every tokenizer of this corpus needs (" + SPECIAL_TOKENS.size() + " special tokens, "
                    + LeadColumns.ALL.size() + " column prefixes, 2 x " + characters.size() + " characters)");
        }
        List<Map.Entry<String, Integer>> frequent = new ArrayList<>(counts.entrySet());
        frequent.removeIf(entry -> entry.getValue() < minFrequency
                || entry.getKey().codePointCount(0, entry.getKey().length()) > MAX_INPUT_CHARS_PER_WORD);
        frequent.sort(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        for (Map.Entry<String, Integer> entry : frequent) {
            if (vocab.size() >= vocabSize) {
                break;
            }
            add(vocab, entry.getKey());
        }
        return vocab;
    }

    private static void add(Map<String, Integer> vocab, String token) {
        vocab.putIfAbsent(token, vocab.size());
    }

    private static ObjectNode tokenizerJson(Map<String, Integer> vocab) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        for (String token : SPECIAL_TOKENS) {
            added.addObject()
                    .put("id", vocab.get(token))
                    .put("content", token)
                    .put("single_word", false)
                    .put("lstrip", false)
                    .put("rstrip", false)
                    .put("normalized", false)
                    .put("special", true);
        }
        root.putObject("normalizer").put("type", "NFC");
        root.putObject("pre_tokenizer").put("type", "WhitespaceSplit");
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
