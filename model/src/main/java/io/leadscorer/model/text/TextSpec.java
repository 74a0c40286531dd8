package io.leadscorer.model.text;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * How a lead becomes text: which columns in which order, how values are cleaned, how numbers are written and
 * how many tokens the model sees. It is written into every model bundle's manifest, and the scorer builds text
 * only from the bundle's spec, so training and serving cannot drift apart.
 *
 * @param keptColumns       columns written into the text, in this order
 * @param droppedColumns    columns left out (recorded so that a bundle says what it ignores)
 * @param stopWords         whole words (or phrases) removed from text values, compared case-insensitively after
 *                          the values' own cleaning
 * @param removedCharacters a regex (usually one character class) whose matches in text values become spaces
 * @param separator         between the {@code column_value} tokens
 * @param lowercase         whether text values are lower-cased
 * @param significantDigits most significant digits of a non-integral number
 * @param columnDigits      most significant digits of every number, integers included, in the named columns:
 *                          coarser buckets for wide-ranging measurements such as {@code lead_desc_length}, whose
 *                          exact values are too many and too rare to learn one by one (identifiers such as
 *                          {@code customer_idx} must not be named here); absent in older manifests, read as none
 * @param maxValueChars     most code points of one cleaned text value
 * @param missingToken      the value written for a missing cell
 * @param maxTokens         tokens per lead given to the model, [CLS] and [SEP] included
 * @param idRateColumns     id columns whose training conversion rate and count ({@link IdRates}, a file of the
 *                          bundle) are written as extra cells after the columns; absent in older manifests, read
 *                          as none
 * @param idRareBelow       values of those columns seen in fewer training rows are written as one
 *                          {@code column_rare} token instead of themselves (0: never)
 */
public record TextSpec(
        @JsonProperty("kept_columns") List<String> keptColumns,
        @JsonProperty("dropped_columns") List<String> droppedColumns,
        @JsonProperty("stop_words") List<String> stopWords,
        @JsonProperty("removed_characters") String removedCharacters,
        @JsonProperty("separator") String separator,
        @JsonProperty("lowercase") boolean lowercase,
        @JsonProperty("significant_digits") int significantDigits,
        @JsonProperty("column_digits") Map<String, Integer> columnDigits,
        @JsonProperty("max_value_chars") int maxValueChars,
        @JsonProperty("missing_token") String missingToken,
        @JsonProperty("max_tokens") int maxTokens,
        @JsonProperty("id_rate_columns") List<String> idRateColumns,
        @JsonProperty("id_rare_below") int idRareBelow) {

    /**
     * Placeholders that say "not given" (pandas reads NA, N/A, null and None as missing too, and {@link
     * LeadRecord#ofCsv} treats the whole-cell forms as missing, so removing them inside events keeps events and
     * CSV rows alike), the filler "etc", and lone dots. "other"/"others" are deliberately kept: choosing "Other"
     * from a form's list says something different from leaving the field empty, and missingness is a signal here.
     */
    public static final List<String> DEFAULT_STOP_WORDS =
            List.of("etc", "etc.", "n/a", "na", "none", "null", ".", "...");

    /**
     * Punctuation and symbols that carry no meaning in category values. "-" and "_" are included so that
     * "End-Customer", "End Customer" and "end_customer" become the same token; "." is kept for decimals
     * inside text values ("v2.1").
     */
    public static final String DEFAULT_REMOVED_CHARACTERS = "[/\\\\|()\\[\\]{}<>,;:!?\"'`*#&+=~^%@$_-]";

    @JsonCreator
    public TextSpec {
        keptColumns = List.copyOf(Objects.requireNonNull(keptColumns, "kept_columns"));
        idRateColumns = List.copyOf(idRateColumns == null ? List.of() : idRateColumns);
        requireKnownAndUnique("id_rate_columns", idRateColumns);
        if (idRareBelow < 0) {
            throw new IllegalArgumentException("id_rare_below must not be negative: " + idRareBelow);
        }
        droppedColumns = List.copyOf(droppedColumns == null ? List.of() : droppedColumns);
        stopWords = List.copyOf(stopWords == null ? List.of() : stopWords);
        removedCharacters = removedCharacters == null ? "" : removedCharacters;
        columnDigits = columnDigits == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(columnDigits));
        Objects.requireNonNull(separator, "separator");
        Objects.requireNonNull(missingToken, "missing_token");
        requireKnownAndUnique("kept_columns", keptColumns);
        requireKnownAndUnique("dropped_columns", droppedColumns);
        Set<String> both = new HashSet<>(keptColumns);
        both.retainAll(droppedColumns);
        if (!both.isEmpty()) {
            throw new IllegalArgumentException("columns both kept and dropped: " + both);
        }
        if (keptColumns.isEmpty()) {
            throw new IllegalArgumentException("kept_columns is empty");
        }
        if (separator.isEmpty()) {
            throw new IllegalArgumentException("separator is empty");
        }
        if (missingToken.isBlank()) {
            throw new IllegalArgumentException("missing_token is blank");
        }
        columnDigits.forEach((column, digits) -> {
            if (!LeadColumns.isKnown(column) || LeadColumns.byName(column).kind() != ColumnKind.NUMBER) {
                throw new IllegalArgumentException("column_digits names '" + column + "', which is not a number column");
            }
            if (digits == null || digits < 1) {
                throw new IllegalArgumentException("column_digits for '" + column + "' must be positive: " + digits);
            }
        });
        if (significantDigits < 1 || maxValueChars < 1) {
            throw new IllegalArgumentException(
                    "significant_digits and max_value_chars must be positive: " + significantDigits + ", " + maxValueChars);
        }
        if (maxTokens < 3) {
            throw new IllegalArgumentException("max_tokens must leave room for [CLS], [SEP] and a token: " + maxTokens);
        }
        if (!removedCharacters.isEmpty()) {
            try {
                Pattern.compile(removedCharacters);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("removed_characters is not a regex: " + e.getMessage(), e);
            }
        }
    }

    /** A spec without id rates (the layout of manifests before they existed). */
    public TextSpec(List<String> keptColumns, List<String> droppedColumns, List<String> stopWords,
                    String removedCharacters, String separator, boolean lowercase, int significantDigits,
                    Map<String, Integer> columnDigits, int maxValueChars, String missingToken, int maxTokens) {
        this(keptColumns, droppedColumns, stopWords, removedCharacters, separator, lowercase, significantDigits,
                columnDigits, maxValueChars, missingToken, maxTokens, List.of(), 0);
    }

    /**
     * All 28 columns kept in the order of docs/ARCHITECTURE.md, the default stop words and characters, 4 digits, 48
     * tokens (the positions of {@link io.leadscorer.model.network.BertConfig#compact}; see there for the measurements).
     */
    public static TextSpec defaults() {
        return new TextSpec(LeadColumns.NAMES, List.of(), DEFAULT_STOP_WORDS, DEFAULT_REMOVED_CHARACTERS,
                " ", true, 4, Map.of(), 48, "nan", 48);
    }

    /** This spec with the given columns moved from kept to dropped (already dropped ones stay dropped). */
    public TextSpec withDropped(List<String> columns) {
        for (String column : columns) {
            LeadColumns.byName(column);
        }
        List<String> kept = new ArrayList<>(keptColumns);
        kept.removeAll(columns);
        LinkedHashSet<String> dropped = new LinkedHashSet<>(droppedColumns);
        dropped.addAll(columns);
        return new TextSpec(kept, List.copyOf(dropped), stopWords, removedCharacters, separator, lowercase,
                significantDigits, columnDigits, maxValueChars, missingToken, maxTokens, idRateColumns, idRareBelow);
    }

    public TextSpec withMaxTokens(int tokens) {
        return new TextSpec(keptColumns, droppedColumns, stopWords, removedCharacters, separator, lowercase,
                significantDigits, columnDigits, maxValueChars, missingToken, tokens, idRateColumns, idRareBelow);
    }

    /** This spec with numbers of the given columns written to the given significant digits. */
    public TextSpec withColumnDigits(Map<String, Integer> digits) {
        return new TextSpec(keptColumns, droppedColumns, stopWords, removedCharacters, separator, lowercase,
                significantDigits, digits, maxValueChars, missingToken, maxTokens, idRateColumns, idRareBelow);
    }

    /** This spec with rate and count cells for the given id columns, and their rare values as one token. */
    public TextSpec withIdRates(List<String> columns, int rareBelow) {
        return new TextSpec(keptColumns, droppedColumns, stopWords, removedCharacters, separator, lowercase,
                significantDigits, columnDigits, maxValueChars, missingToken, maxTokens, columns, rareBelow);
    }

    private static void requireKnownAndUnique(String field, List<String> columns) {
        Set<String> seen = new HashSet<>();
        for (String column : columns) {
            if (!LeadColumns.isKnown(column)) {
                throw new IllegalArgumentException(field + " names an unknown column '" + column + "'");
            }
            if (!seen.add(column)) {
                throw new IllegalArgumentException(field + " names '" + column + "' twice");
            }
        }
    }
}
