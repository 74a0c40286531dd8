package io.leadscorer.model.text;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The seed's serialization of a lead: every kept column as one whitespace-free token {@code column_value}
 * (missing as {@code nan}, numbers in one canonical form, text values cleaned), joined by the separator. The
 * single place that turns a lead into model input, for training rows and live events alike.
 */
public final class LeadText {
    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\p{Z}\\p{Cc}\\u200B\\uFEFF]+");
    private static final Pattern EDGE_UNDERSCORES = Pattern.compile("^_+|_+$");
    private static final Map<TextSpec, LeadText> COMPILED = new ConcurrentHashMap<>();
    private static final int MAX_COMPILED = 32;

    private final TextSpec spec;
    private final List<LeadColumn> columns;
    private final Pattern removed;
    private final List<String[]> stopPhrases;
    private final MathContext significant;
    private final Map<String, MathContext> columnSignificant;
    private final IdRates idRates;

    private LeadText(TextSpec spec) {
        this(spec, null);
    }

    private LeadText(TextSpec spec, IdRates idRates) {
        this.spec = spec;
        this.idRates = idRates;
        if (idRates != null) {
            spec.idRateColumns().forEach(column -> idRates.count(column, "")); // fails for a column without a table
        }
        this.columns = spec.keptColumns().stream().map(LeadColumns::byName).toList();
        this.removed = spec.removedCharacters().isEmpty() ? null : Pattern.compile(spec.removedCharacters());
        this.significant = new MathContext(spec.significantDigits(), RoundingMode.HALF_UP);
        Map<String, MathContext> perColumn = new HashMap<>();
        spec.columnDigits().forEach((column, digits) -> perColumn.put(column, new MathContext(digits, RoundingMode.HALF_UP)));
        this.columnSignificant = Map.copyOf(perColumn);
        List<String[]> phrases = new ArrayList<>();
        for (String stopWord : spec.stopWords()) {
            String[] words = words(stopWord, true);
            if (words.length > 0) {
                phrases.add(words);
            }
        }
        phrases.sort(Comparator.comparingInt((String[] phrase) -> phrase.length).reversed());
        this.stopPhrases = List.copyOf(phrases);
    }

    /** The lead text of a record under a spec. */
    public static String of(TextSpec spec, LeadRecord lead) {
        return forSpec(spec).text(lead);
    }

    /** A reusable writer for one spec (the spec's patterns compiled once). */
    public static LeadText forSpec(TextSpec spec) {
        LeadText text = COMPILED.get(spec);
        if (text == null) {
            if (COMPILED.size() >= MAX_COMPILED) {
                COMPILED.clear();
            }
            text = COMPILED.computeIfAbsent(spec, LeadText::new);
        }
        return text;
    }

    /**
     * This spec's writer with the id rates it names (a bundle's {@link IdRates#FILE}; a training row's out-of-fold
     * table in training).
     */
    public LeadText withIdRates(IdRates rates) {
        return new LeadText(spec, java.util.Objects.requireNonNull(rates, "rates"));
    }

    public TextSpec spec() {
        return spec;
    }

    public String text(LeadRecord lead) {
        if (!spec.idRateColumns().isEmpty() && idRates == null) {
            throw new IllegalStateException("this text spec adds id rate cells for " + spec.idRateColumns()
                    + " but no id rates were given");
        }
        StringBuilder text = new StringBuilder(512);
        for (LeadColumn column : columns) {
            if (!text.isEmpty()) {
                text.append(spec.separator());
            }
            String value = value(column.name(), lead.value(column.name()));
            if (spec.idRareBelow() > 0 && lead.value(column.name()) != null && spec.idRateColumns().contains(column.name())
                    && idRates.count(column.name(), value) < spec.idRareBelow()) {
                value = "rare";
            }
            text.append(column.prefix()).append(value);
        }
        for (String column : spec.idRateColumns()) {
            Object value = lead.value(column);
            text.append(spec.separator()).append(idRates.cells(column, value == null ? null : value(value), spec.separator()));
        }
        return text.toString();
    }

    /** One cell as it appears after {@code column_}: missing token, canonical number or cleaned text. */
    public String value(Object value) {
        if (value == null) {
            return spec.missingToken();
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return Long.toString(((Number) value).longValue());
        }
        if (value instanceof Number number) {
            return number(number.doubleValue());
        }
        return cleaned(value.toString());
    }

    /** One cell of the named column: as {@link #value(Object)}, with the column's own digits if the spec sets them. */
    public String value(String column, Object value) {
        MathContext digits = columnSignificant.get(column);
        if (digits == null || !(value instanceof Number number) || !Double.isFinite(number.doubleValue())) {
            return value(value);
        }
        BigDecimal rounded = value instanceof Double || value instanceof Float
                ? BigDecimal.valueOf(number.doubleValue()) : BigDecimal.valueOf(number.longValue());
        return rounded.round(digits).stripTrailingZeros().toPlainString();
    }

    private String number(double value) {
        if (Double.isNaN(value)) {
            return spec.missingToken();
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == Math.rint(value)) {
            return new BigDecimal(value).toBigInteger().toString();
        }
        return BigDecimal.valueOf(value).round(significant).stripTrailingZeros().toPlainString();
    }

    private String cleaned(String raw) {
        String kept = String.join(" ", withoutStopWords(words(raw, spec.lowercase())));
        if (kept.codePointCount(0, kept.length()) > spec.maxValueChars()) {
            kept = kept.substring(0, kept.offsetByCodePoints(0, spec.maxValueChars()));
        }
        String token = EDGE_UNDERSCORES.matcher(WHITESPACE.matcher(kept.strip()).replaceAll("_")).replaceAll("");
        return token.isEmpty() ? spec.missingToken() : token;
    }

    /** NFC, lower case when asked, removed characters to spaces, split on white space. */
    private String[] words(String raw, boolean lowercase) {
        String text = Normalizer.normalize(raw, Normalizer.Form.NFC);
        if (lowercase) {
            text = text.toLowerCase(Locale.ROOT);
        }
        if (removed != null) {
            text = removed.matcher(text).replaceAll(" ");
        }
        return Arrays.stream(WHITESPACE.split(text)).filter(word -> !word.isEmpty()).toArray(String[]::new);
    }

    private List<String> withoutStopWords(String[] words) {
        List<String> kept = new ArrayList<>(words.length);
        int i = 0;
        while (i < words.length) {
            int matched = stopPhraseAt(words, i);
            if (matched > 0) {
                i += matched;
            } else {
                kept.add(words[i++]);
            }
        }
        return kept;
    }

    private int stopPhraseAt(String[] words, int start) {
        for (String[] phrase : stopPhrases) {
            if (start + phrase.length <= words.length && matches(phrase, words, start)) {
                return phrase.length;
            }
        }
        return 0;
    }

    private static boolean matches(String[] phrase, String[] words, int start) {
        for (int j = 0; j < phrase.length; j++) {
            if (!phrase[j].equals(words[start + j].toLowerCase(Locale.ROOT))) {
                return false;
            }
        }
        return true;
    }
}
