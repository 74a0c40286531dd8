package io.leadscorer.model.explain;

import io.leadscorer.model.effects.ValueEffects;
import io.leadscorer.model.predict.Calibration;
import io.leadscorer.model.predict.LeadPredictor;
import io.leadscorer.model.text.LeadRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How far the reasons a sales rep reads add up: for each lead with reasons, the columns of its top reasons (as
 * {@link LeadPredictor#scoreLeads} lists them) are set to missing together, and what that does to the served log-odds
 * is compared with the sum of their contributions. Each contribution is faithful to its own column (exactly so for
 * the value effects, and for the network's share by occlusion); together they are only as faithful as the network
 * is additive, and with {@link ReasonAttribution#EFFECTS} the network's reaction is not in the sum at all. The
 * figures: the share of leads where the sum has the sign of the change, and the median distance between the two.
 */
public final class ReasonAdditivity {

    /**
     * What the comparison found.
     *
     * @param leads           leads given
     * @param tested          leads with at least one reason
     * @param signAgrees      tested leads whose sum of contributions has the sign of the served change
     * @param medianDistance  median |change - sum| on the served log-odds; NaN when none was tested
     */
    public record Result(int leads, int tested, int signAgrees, double medianDistance) {
        /** signAgrees / tested; NaN when no lead could be tested. */
        public double signShare() {
            return tested == 0 ? Double.NaN : (double) signAgrees / tested;
        }
    }

    private static final int SLICE = 256;

    private ReasonAdditivity() {}

    /** Compares the sums of each lead's top {@code perDirection} reasons each way, by {@code attribution}. */
    public static Result run(LeadPredictor predictor, List<? extends LeadRecord> leads, int perDirection,
                             ReasonAttribution attribution) {
        List<LeadRecord> variants = new ArrayList<>();
        List<Double> sums = new ArrayList<>();
        for (int start = 0; start < leads.size(); start += SLICE) {
            List<? extends LeadRecord> slice = leads.subList(start, Math.min(leads.size(), start + SLICE));
            List<List<Reason>> all = predictor.allReasons(slice, attribution);
            for (int i = 0; i < slice.size(); i++) {
                List<Reason> top = ValueReasons.top(all.get(i), perDirection);
                if (top.isEmpty()) {
                    continue;
                }
                Set<String> columns = new HashSet<>();
                top.forEach(reason -> columns.addAll(ValueEffects.parts(reason.column())));
                variants.add(slice.get(i));
                variants.add(ReasonDeletion.without(slice.get(i), columns));
                sums.add(top.stream().mapToDouble(Reason::contribution).sum());
            }
        }
        int tested = sums.size();
        int signAgrees = 0;
        double[] distances = new double[tested];
        if (tested > 0) {
            float[] probabilities = predictor.predictRecords(variants);
            for (int i = 0; i < tested; i++) {
                double change = Calibration.logit(probabilities[2 * i]) - Calibration.logit(probabilities[2 * i + 1]);
                signAgrees += Math.signum(change) == Math.signum(sums.get(i)) ? 1 : 0;
                distances[i] = Math.abs(change - sums.get(i));
            }
        }
        Arrays.sort(distances);
        return new Result(leads.size(), tested, signAgrees, tested == 0 ? Double.NaN : distances[tested / 2]);
    }
}
