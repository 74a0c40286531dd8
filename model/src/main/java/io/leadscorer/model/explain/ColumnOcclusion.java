package io.leadscorer.model.explain;

import io.leadscorer.model.predict.Calibration;
import io.leadscorer.model.text.LeadRecord;
import io.leadscorer.model.text.LeadText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The network's share of a lead's served score, column by column, by occlusion: the lead's text again with one
 * column's cell missing (written as the lead text writes a missing cell, id rate cells included), and the change in the
 * network's log-odds, times the calibration's network slope so that it reads on the served log-odds like the value
 * effects' contributions. Positive: the cell raises the score. Each share is exactly what removing that one cell does
 * to the network's term; shares of several cells need not add up to what removing them together does (the network
 * is not additive). A column the network does not read, or where the lead's cell is missing already or reads as
 * missing, has share 0 and costs no pass; every other costs one row of the network, all of a batch's variants in the
 * same passes.
 */
public final class ColumnOcclusion {

    /** The bundle's network: one probability per lead text, in order. */
    @FunctionalInterface
    public interface Network {
        float[] probabilities(List<String> texts);
    }

    private final LeadText text;
    private final List<String> columns;
    private final double slope;

    /** Occlusion of the columns {@code text} writes (kept and id rate columns), weighed by {@code calibration}. */
    public ColumnOcclusion(LeadText text, Calibration calibration) {
        this.text = text;
        Set<String> read = new LinkedHashSet<>(text.spec().keptColumns());
        read.addAll(text.spec().idRateColumns());
        this.columns = List.copyOf(read);
        this.slope = calibration.slope();
    }

    /** The columns the network reads, in the order of the shares. */
    public List<String> columns() {
        return columns;
    }

    /**
     * Each lead's share of every column the network reads (absent: not read, so 0), given the network's own
     * probabilities of the leads as they are ({@code probabilities}, one per lead); the occluded variants go through
     * {@code network} in one call.
     */
    public List<Map<String, Double>> shares(List<? extends LeadRecord> leads, float[] probabilities, Network network) {
        if (probabilities.length != leads.size()) {
            throw new IllegalArgumentException(probabilities.length + " probabilities for " + leads.size() + " leads");
        }
        List<String> variants = new ArrayList<>();
        int[][] variantOf = new int[leads.size()][columns.size()];
        for (int i = 0; i < leads.size(); i++) {
            LeadRecord lead = leads.get(i);
            String served = text.text(lead);
            for (int c = 0; c < columns.size(); c++) {
                String column = columns.get(c);
                String occluded = lead.value(column) == null ? served
                        : text.text(ReasonDeletion.without(lead, Set.of(column)));
                variantOf[i][c] = occluded.equals(served) ? -1 : variants.size();
                if (variantOf[i][c] >= 0) {
                    variants.add(occluded);
                }
            }
        }
        float[] occluded = variants.isEmpty() ? new float[0] : network.probabilities(variants);
        if (occluded.length != variants.size()) {
            throw new IllegalStateException("the network gave " + occluded.length + " probabilities for "
                    + variants.size() + " texts");
        }
        List<Map<String, Double>> shares = new ArrayList<>(leads.size());
        for (int i = 0; i < leads.size(); i++) {
            double logOdds = Calibration.logit(probabilities[i]);
            Map<String, Double> lead = new LinkedHashMap<>();
            for (int c = 0; c < columns.size(); c++) {
                int variant = variantOf[i][c];
                lead.put(columns.get(c), variant < 0 ? 0.0 : slope * (logOdds - Calibration.logit(occluded[variant])));
            }
            shares.add(lead);
        }
        return shares;
    }
}
