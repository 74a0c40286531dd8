package io.leadscorer.model.tiers;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.leadscorer.model.bundle.Bundle;
import io.leadscorer.model.bundle.BundleJson;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where a served probability stands among the leads a model was validated on, kept in its bundle as
 * {@link #FILE_NAME}: the priority tiers, cut on the validation leads' served probabilities by share of leads (by
 * default A the top 10%, B the next 20%, C the next 30%, D the last 40%), each with the conversion rate its validation
 * leads showed, and the percentile table. The trainer writes it, the predictor reads it, so the scorer and
 * {@code evaluate} tier alike. Bundles written before the file existed have none ({@link #of} is empty).
 *
 * @param validationLeads how many validation leads the tiers and percentiles rest on
 * @param baseRate        their conversion rate
 * @param tiers           highest first; the last one's minimum probability is 0
 * @param percentiles     the quantiles of their served probabilities
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ScoreTiers(
        @JsonProperty("validation_leads") long validationLeads,
        @JsonProperty("base_rate") double baseRate,
        @JsonProperty("tiers") List<Tier> tiers,
        @JsonProperty("percentiles") PercentileTable percentiles) {

    public static final String FILE_NAME = "tiers.json";
    /** The default shares of leads per tier, highest tier first. */
    public static final List<Double> DEFAULT_SHARES = List.of(0.10, 0.20, 0.30, 0.40);
    private static final double SHARE_SUM_TOLERANCE = 1e-6;
    public ScoreTiers {
        if (validationLeads < 1) {
            throw new IllegalArgumentException("validation_leads must be positive, was " + validationLeads);
        }
        if (!(baseRate >= 0 && baseRate <= 1)) {
            throw new IllegalArgumentException("base_rate must be in [0, 1], was " + baseRate);
        }
        tiers = List.copyOf(Objects.requireNonNull(tiers, "tiers"));
        Objects.requireNonNull(percentiles, "percentiles");
        if (tiers.isEmpty()) {
            throw new IllegalArgumentException("need at least one tier");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < tiers.size(); i++) {
            Tier tier = tiers.get(i);
            if (!names.add(tier.name())) {
                throw new IllegalArgumentException("tier " + tier.name() + " appears twice");
            }
            if (i > 0 && tier.minProbability() > tiers.get(i - 1).minProbability()) {
                throw new IllegalArgumentException("tier " + tier.name() + " starts above the tier before it");
            }
        }
        if (tiers.get(tiers.size() - 1).minProbability() != 0) {
            throw new IllegalArgumentException("the last tier must reach down to probability 0");
        }
    }

    /** The tier names for {@code count} tiers: A, B, C, ... */
    public static List<String> names(int count) {
        if (count < 1 || count > 26) {
            throw new IllegalArgumentException("between 1 and 26 tiers, not " + count);
        }
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            names.add(String.valueOf((char) ('A' + i)));
        }
        return names;
    }

    /** Refuses shares that are not positive or do not add up to 1; at most 26 tiers. */
    public static void requireValidShares(List<Double> shares) {
        names(shares.size());
        double sum = 0;
        for (Double share : shares) {
            if (share == null || !(share > 0 && share <= 1)) {
                throw new IllegalArgumentException("tier shares must be in (0, 1], got " + shares);
            }
            sum += share;
        }
        if (Math.abs(sum - 1) > SHARE_SUM_TOLERANCE) {
            throw new IllegalArgumentException("tier shares must add up to 1, " + shares + " add up to " + sum);
        }
    }

    /**
     * Tiers cut on the validation leads' served probabilities, highest first: tier {@code i} starts at the lowest
     * probability among the top (share 0 + ... + share i) of the leads, so a probability at a cut point belongs to the
     * higher tier (ties can make a tier a little larger than its share and the next one smaller). Each tier records its
     * validation leads and conversions; the percentile table has {@code quantiles} entries.
     */
    public static ScoreTiers fit(double[] probabilities, boolean[] converted, List<Double> shares, int quantiles) {
        if (probabilities.length == 0 || probabilities.length != converted.length) {
            throw new IllegalArgumentException("need one label per probability, and some: " + probabilities.length
                    + " probabilities, " + converted.length + " labels");
        }
        requireValidShares(shares);
        for (int i = 0; i < probabilities.length; i++) {
            if (!(probabilities[i] >= 0 && probabilities[i] <= 1)) {
                throw new IllegalArgumentException("validation probability " + i + " is " + probabilities[i]);
            }
        }
        double[] descending = probabilities.clone();
        Arrays.sort(descending);
        reverse(descending);
        int n = descending.length;
        List<String> names = names(shares.size());
        double[] cuts = new double[shares.size()];
        double cumulative = 0;
        for (int t = 0; t < cuts.length - 1; t++) {
            cumulative += shares.get(t);
            int top = (int) Math.min(n, Math.max(1, Math.ceil(cumulative * n - SHARE_SUM_TOLERANCE)));
            cuts[t] = descending[top - 1];
        }
        cuts[cuts.length - 1] = 0;
        long[] leads = new long[cuts.length];
        long[] conversions = new long[cuts.length];
        long positives = 0;
        for (int i = 0; i < n; i++) {
            int t = index(cuts, probabilities[i]);
            leads[t]++;
            conversions[t] += converted[i] ? 1 : 0;
            positives += converted[i] ? 1 : 0;
        }
        List<Tier> tiers = new ArrayList<>(cuts.length);
        for (int t = 0; t < cuts.length; t++) {
            tiers.add(new Tier(names.get(t), shares.get(t), cuts[t], leads[t], conversions[t],
                    leads[t] == 0 ? null : (double) conversions[t] / leads[t]));
        }
        return new ScoreTiers(n, (double) positives / n, tiers, PercentileTable.fit(probabilities, quantiles));
    }

    /** The tier of a served probability. */
    public Tier tier(double probability) {
        if (Double.isNaN(probability)) {
            throw new IllegalArgumentException("a probability of NaN has no tier");
        }
        for (Tier tier : tiers) {
            if (probability >= tier.minProbability()) {
                return tier;
            }
        }
        return tiers.get(tiers.size() - 1);
    }

    /** The share (0 to 100) of the validation leads scored at or below a served probability. */
    public double percentile(double probability) {
        return percentiles.percentile(probability);
    }

    /** The tiers of a verified bundle, or empty when its manifest lists no {@link #FILE_NAME}. */
    public static Optional<ScoreTiers> of(Bundle bundle) {
        return BundleJson.read(bundle, FILE_NAME, ScoreTiers.class, "valid score tiers");
    }

    /** The tiers.json bytes (UTF-8, indented); the same tiers always give the same bytes. */
    public byte[] toJson() {
        return BundleJson.write(this, "the score tiers");
    }

    /**
     * Reads tiers.json bytes.
     *
     * @param source names the file in error messages
     */
    public static ScoreTiers fromJson(byte[] json, String source) {
        return BundleJson.read(json, source, ScoreTiers.class, "valid score tiers");
    }

    private static int index(double[] cuts, double probability) {
        for (int t = 0; t < cuts.length; t++) {
            if (probability >= cuts[t]) {
                return t;
            }
        }
        return cuts.length - 1;
    }

    private static void reverse(double[] values) {
        for (int i = 0, j = values.length - 1; i < j; i++, j--) {
            double swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }
}
