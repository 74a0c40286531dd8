package io.leadscorer.trainer.evaluate;

import io.leadscorer.model.tiers.ScoreTiers;
import io.leadscorer.model.tiers.Tier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * What a sales team would have seen working a labelled file by the bundle's scores: per tier its leads, conversions,
 * conversion rate and lift over the file's base rate, and the precision of the top 5, 10 and 20% of leads.
 *
 * @param tiers          one row per tier of the bundle, highest first; empty for a bundle without tiers
 * @param precisionAtTop share of leads ("5%") to the conversion rate of the highest-scored leads of that share
 */
public record TierReport(double baseRate, List<TierRow> tiers, Map<String, Double> precisionAtTop) {

    /** The shares of leads {@link #precisionAtTop} reports. */
    public static final double[] TOP_SHARES = {0.05, 0.10, 0.20};

    /** One tier on the file: lift is its conversion rate over the base rate (null without leads or conversions). */
    public record TierRow(String tier, long leads, long conversions, Double conversionRate, Double lift) {}

    public static TierReport of(boolean[] converted, float[] probabilities, Optional<ScoreTiers> tiers) {
        if (converted.length != probabilities.length || converted.length == 0) {
            throw new IllegalArgumentException("need one label per probability, and some");
        }
        int n = converted.length;
        long positives = IntStream.range(0, n).filter(i -> converted[i]).count();
        double baseRate = (double) positives / n;
        List<TierRow> rows = new ArrayList<>();
        tiers.ifPresent(t -> {
            List<Tier> all = t.tiers();
            long[] leads = new long[all.size()];
            long[] conversions = new long[all.size()];
            for (int i = 0; i < n; i++) {
                int tier = all.indexOf(t.tier(probabilities[i]));
                leads[tier]++;
                conversions[tier] += converted[i] ? 1 : 0;
            }
            for (int k = 0; k < all.size(); k++) {
                Double rate = leads[k] == 0 ? null : (double) conversions[k] / leads[k];
                rows.add(new TierRow(all.get(k).name(), leads[k], conversions[k], rate,
                        rate == null || baseRate == 0 ? null : rate / baseRate));
            }
        });
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> probabilities[i]).reversed());
        Map<String, Double> precision = new LinkedHashMap<>();
        for (double share : TOP_SHARES) {
            int top = (int) Math.max(1, Math.ceil(share * n - 1e-9));
            long hits = Arrays.stream(order, 0, top).filter(i -> converted[i]).count();
            precision.put(Math.round(share * 100) + "%", (double) hits / top);
        }
        return new TierReport(baseRate, List.copyOf(rows), precision);
    }

    /** The report as plain maps and lists, for the metrics JSON. */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("base_rate", baseRate);
        List<Map<String, Object>> tierMaps = new ArrayList<>();
        for (TierRow row : tiers) {
            Map<String, Object> tier = new LinkedHashMap<>();
            tier.put("tier", row.tier());
            tier.put("leads", row.leads());
            tier.put("conversions", row.conversions());
            tier.put("conversion_rate", row.conversionRate());
            tier.put("lift", row.lift());
            tierMaps.add(tier);
        }
        map.put("tiers", tierMaps);
        map.put("precision_at_top", new LinkedHashMap<>(precisionAtTop));
        return map;
    }
}
