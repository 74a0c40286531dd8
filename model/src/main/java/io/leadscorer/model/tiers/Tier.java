package io.leadscorer.model.tiers;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * One priority tier: the leads served at least {@code minProbability} (and below the tier above), the share of
 * leads it was cut for, and what its validation leads did.
 *
 * @param share          the share of leads the tier was cut for (0 to 1)
 * @param minProbability the lowest served probability in the tier; 0 for the last tier
 * @param leads          validation leads that fell in the tier
 * @param conversions    how many of them converted
 * @param conversionRate conversions / leads, null when the tier held no validation lead
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Tier(
        @JsonProperty("name") String name,
        @JsonProperty("share") double share,
        @JsonProperty("min_probability") double minProbability,
        @JsonProperty("leads") long leads,
        @JsonProperty("conversions") long conversions,
        @JsonProperty("conversion_rate") Double conversionRate) {

    public Tier {
        Objects.requireNonNull(name, "tier name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a tier needs a name");
        }
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("tier " + name + ": share must be in (0, 1], was " + share);
        }
        if (!(minProbability >= 0 && minProbability <= 1)) {
            throw new IllegalArgumentException("tier " + name + ": min_probability must be in [0, 1], was " + minProbability);
        }
        if (leads < 0 || conversions < 0 || conversions > leads) {
            throw new IllegalArgumentException("tier " + name + ": " + conversions + " conversions of " + leads + " leads");
        }
        if (conversionRate != null && !(conversionRate >= 0 && conversionRate <= 1)) {
            throw new IllegalArgumentException("tier " + name + ": conversion_rate must be in [0, 1], was " + conversionRate);
        }
    }
}
