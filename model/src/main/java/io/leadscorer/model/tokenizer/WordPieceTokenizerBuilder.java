package io.leadscorer.model.tokenizer;

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
    public static final String PAD = WordPieceJson.PAD;
    public static final String UNK = WordPieceJson.UNK;
    public static final String CLS = WordPieceJson.CLS;
    public static final String SEP = WordPieceJson.SEP;
    public static final String MASK = WordPieceJson.MASK;
    public static final List<String> SPECIAL_TOKENS = WordPieceJson.SPECIAL_TOKENS;
    public static final String CONTINUATION = WordPieceJson.CONTINUATION;

    /** Unicode White_Space, as the tokenizers' WhitespaceSplit pre-tokenizer splits. */
    private static final Pattern WHITE_SPACE = Pattern.compile("\\p{IsWhite_Space}+");
    private static final int MAX_INPUT_CHARS_PER_WORD = WordPieceJson.MAX_INPUT_CHARS_PER_WORD;
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
            Files.createDirectories(out.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out, e);
        }
        return WordPieceJson.write(vocab, WordPieceJson.nfcNormalizer(), WordPieceJson.preTokenizer("WhitespaceSplit"), out);
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
}
