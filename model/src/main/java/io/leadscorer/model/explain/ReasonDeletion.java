package io.leadscorer.model.explain;

import io.leadscorer.model.effects.ValueEffects;
import io.leadscorer.model.predict.LeadPredictor;
import io.leadscorer.model.text.LeadColumns;
import io.leadscorer.model.text.LeadRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The deletion test of a bundle's reasons: for each lead with a reason, its served probability is compared with the
 * probability once the top reason's column (every part of a cross) is set to missing, and once a random other
 * column the lead has a value in is set to missing. Reasons that are faithful to the served model move it more
 * when their column goes: the share of leads where they do is the figure (the goal is at least 90%). The
 * network reads the missing cell too, so what it makes of the change counts on both sides. The reasons are those of
 * a {@link ReasonAttribution}: with {@link ReasonAttribution#OCCLUSION} a single column's contribution is by
 * construction what removing it does to the served log-odds, so the test checks little more than the ranking there
 * (and crosses, whose parts go together).
 */
public final class ReasonDeletion {

    /**
     * What the test found.
     *
     * @param leads        leads given
     * @param tested       leads with a reason and another column to delete
     * @param topMovedMore tested leads whose probability moved strictly more without the top reason's column
     */
    public record Result(int leads, int tested, int topMovedMore) {
        /** topMovedMore / tested; NaN when no lead could be tested. */
        public double share() {
            return tested == 0 ? Double.NaN : (double) topMovedMore / tested;
        }
    }

    private static final Comparator<Reason> STRONGEST = Comparator.comparingDouble((Reason r) -> Math.abs(r.contribution()))
            .reversed().thenComparing(Reason::column);

    /** Leads whose reasons are attributed in one call (occlusion holds every variant of them at once). */
    private static final int SLICE = 256;

    private ReasonDeletion() {}

    /** Runs the test on the leads with the predictor's value-effect reasons; {@code seed} draws the other columns. */
    public static Result run(LeadPredictor predictor, List<? extends LeadRecord> leads, long seed) {
        return run(predictor, leads, seed, ReasonAttribution.EFFECTS);
    }

    /** Runs the test on the leads with the predictor's reasons by {@code attribution}. */
    public static Result run(LeadPredictor predictor, List<? extends LeadRecord> leads, long seed,
                             ReasonAttribution attribution) {
        Random random = new Random(seed);
        List<LeadRecord> variants = new ArrayList<>();
        List<List<Reason>> allReasons = new ArrayList<>(leads.size());
        for (int start = 0; start < leads.size(); start += SLICE) {
            allReasons.addAll(predictor.allReasons(leads.subList(start, Math.min(leads.size(), start + SLICE)),
                    attribution));
        }
        for (int i = 0; i < leads.size(); i++) {
            LeadRecord lead = leads.get(i);
            List<Reason> reasons = allReasons.get(i);
            if (reasons.isEmpty()) {
                continue;
            }
            Reason top = reasons.stream().min(STRONGEST).orElseThrow();
            Set<String> parts = Set.copyOf(ValueEffects.parts(top.column()));
            List<String> others = LeadColumns.NAMES.stream()
                    .filter(column -> !parts.contains(column) && lead.value(column) != null).toList();
            if (others.isEmpty()) {
                continue;
            }
            String other = others.get(random.nextInt(others.size()));
            variants.add(lead);
            variants.add(without(lead, parts));
            variants.add(without(lead, Set.of(other)));
        }
        int tested = variants.size() / 3;
        int topMovedMore = 0;
        if (tested > 0) {
            float[] probabilities = predictor.predictRecords(variants);
            for (int i = 0; i < tested; i++) {
                float served = probabilities[3 * i];
                double withoutTop = Math.abs(served - probabilities[3 * i + 1]);
                double withoutOther = Math.abs(served - probabilities[3 * i + 2]);
                topMovedMore += withoutTop > withoutOther ? 1 : 0;
            }
        }
        return new Result(leads.size(), tested, topMovedMore);
    }

    /** The lead with these columns missing. */
    static LeadRecord without(LeadRecord lead, Set<String> columns) {
        return column -> columns.contains(column) ? null : lead.value(column);
    }
}
