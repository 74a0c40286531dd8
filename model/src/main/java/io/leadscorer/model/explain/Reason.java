package io.leadscorer.model.explain;

import java.util.Objects;

/**
 * One of a lead's values and what it adds to the lead's served log-odds of conversion.
 *
 * @param column       the lead column, or a cross of columns ({@code product_category*business_area})
 * @param value        the lead's cell there as it arrived (a cross's parts joined by {@code " | "}); null where a
 *                     reason is about a missing value
 * @param contribution signed, on the served log-odds: positive raises the probability, negative lowers it
 */
public record Reason(String column, String value, double contribution) {
    public Reason {
        Objects.requireNonNull(column, "column");
        if (!Double.isFinite(contribution)) {
            throw new IllegalArgumentException("the contribution of " + column + " is " + contribution);
        }
    }
}
