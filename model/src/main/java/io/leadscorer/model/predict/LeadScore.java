package io.leadscorer.model.predict;

import io.leadscorer.model.explain.Reason;
import java.util.List;

/**
 * A lead as a bundle scores it for a sales rep: the served probability, its priority tier and percentile among the
 * bundle's validation leads (null when the bundle has no tiers), and the values that moved it most (empty when the
 * bundle has no value effects or none were asked for).
 */
public record LeadScore(float probability, String tier, Double percentile, List<Reason> reasons) {
    public LeadScore {
        reasons = List.copyOf(reasons);
    }
}
