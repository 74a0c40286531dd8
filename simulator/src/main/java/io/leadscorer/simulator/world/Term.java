package io.leadscorer.simulator.world;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One category value (a job, an inquiry type, a product category) and the ways people type it: English
 * variants, casing slips, the snake_case a CRM sync writes, translations, and the odd value in a language
 * other than the lead's. The conversion model only sees the term (or its group), so every spelling of a
 * term carries the same signal and a learner has to find out that they are one.
 *
 * @param <G> what the term means to the conversion model (a group such as "executive"), or Void
 */
final class Term<G> {

    private static final int AS_IS = 0;
    private static final int LOWER = 1;
    private static final int UPPER = 2;
    private static final int TITLE = 3;
    private static final int SNAKE = 4;
    private static final double STRAY_LANGUAGE = 0.004;
    private static final double MACHINE_SNAKE = 0.85;

    private final G group;
    private final double weight;
    private final String[][] forms;
    private final double[] variantCumulative;
    private final Map<Language, String[]> translations = new EnumMap<>(Language.class);
    private String[] foreign = new String[0];

    private Term(G group, double weight, String[] variants) {
        this.group = group;
        this.weight = weight;
        this.forms = new String[variants.length][];
        double[] weights = new double[variants.length];
        for (int i = 0; i < variants.length; i++) {
            forms[i] = forms(variants[i]);
            weights[i] = i == 0 ? 0.7 : 0.3 / (variants.length - 1);
        }
        this.variantCumulative = Draws.cumulative(weights);
    }

    /** A term whose usual English spelling is {@code canonical}, sometimes written as one of the alternates. */
    static <G> Term<G> of(G group, double weight, String canonical, String... alternates) {
        String[] variants = new String[alternates.length + 1];
        variants[0] = canonical;
        System.arraycopy(alternates, 0, variants, 1, alternates.length);
        return new Term<>(group, weight, variants);
    }

    /** Adds spellings in a language; used while the vocabularies are declared. */
    Term<G> in(Language language, String... spellings) {
        translations.put(language, spellings);
        List<String> all = new ArrayList<>();
        translations.values().forEach(values -> all.addAll(Arrays.asList(values)));
        foreign = all.toArray(String[]::new);
        return this;
    }

    String key() {
        return forms[0][AS_IS];
    }

    G group() {
        return group;
    }

    double weight() {
        return weight;
    }

    /** A spelling as a lead writing in {@code language} would enter it; {@code machine}: a CRM sync wrote it. */
    String spell(Draws draws, Language language, boolean machine) {
        String[] local = translations.get(language);
        if (local != null && draws.chance(language.localShare())) {
            return local[draws.index(local.length)];
        }
        if (foreign.length > 0 && draws.chance(STRAY_LANGUAGE)) {
            return foreign[draws.index(foreign.length)];
        }
        String[] variant = forms[draws.pick(variantCumulative)];
        double u = draws.uniform();
        if (machine) {
            return u < MACHINE_SNAKE ? variant[SNAKE] : variant[AS_IS];
        }
        if (u < 0.06) {
            return variant[LOWER];
        } else if (u < 0.075) {
            return variant[UPPER];
        } else if (u < 0.13) {
            return variant[TITLE];
        } else if (u < 0.17) {
            return variant[SNAKE];
        }
        return variant[AS_IS];
    }

    /** Every spelling this term can produce. */
    Set<String> spellings() {
        Set<String> all = new LinkedHashSet<>();
        for (String[] variant : forms) {
            all.addAll(Arrays.asList(variant));
        }
        all.addAll(Arrays.asList(foreign));
        return all;
    }

    private static String[] forms(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return new String[] {
            text, lower, text.toUpperCase(Locale.ROOT), titleCase(lower), lower.trim().replaceAll("\\s+", "_")
        };
    }

    private static String titleCase(String lower) {
        StringBuilder out = new StringBuilder(lower.length());
        boolean wordStart = true;
        for (char c : lower.toCharArray()) {
            out.append(wordStart ? Character.toUpperCase(c) : c);
            wordStart = Character.isWhitespace(c) || c == '/' || c == '-';
        }
        return out.toString();
    }

    /** Running sums of the terms' weights, for {@link Draws#pick}. */
    static double[] cumulativeWeights(List<? extends Term<?>> terms) {
        return Draws.cumulative(terms.stream().mapToDouble(Term::weight).toArray());
    }

    @Override
    public String toString() {
        return key();
    }
}
