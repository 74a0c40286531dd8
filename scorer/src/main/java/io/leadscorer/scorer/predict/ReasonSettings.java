package io.leadscorer.scorer.predict;

import io.leadscorer.model.explain.ReasonAttribution;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Creator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * How many reasons each score carries, and how they are attributed: up to {@code count} values that raised the lead's
 * score and as many that lowered it (ScoredLead.reasons); 0 leaves every score's reasons empty. {@code attribution}
 * is {@code effects} (the bundle's value effects alone) or {@code occlusion} (each column's network share added, at one
 * more network row per column a lead has a value in); any other value stops the service at start-up. Defaults and
 * environment variables in application.yml.
 */
@ConfigurationProperties("scorer.reasons")
public record ReasonSettings(@PositiveOrZero @Max(MAX_COUNT) int count, String attribution) {

    /** More would list nearly every column of a lead. */
    public static final int MAX_COUNT = 20;

    /** The default of application.yml, for tests and tools that build scorers without Micronaut. */
    public static final ReasonSettings DEFAULTS = new ReasonSettings(3);

    @Creator
    public ReasonSettings {
        attribution = attribution == null ? ReasonAttribution.EFFECTS.id() : attribution;
        try {
            ReasonAttribution.parse(attribution);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("scorer.reasons.attribution (SCORER_REASONS_ATTRIBUTION): "
                    + e.getMessage(), e);
        }
    }

    /** {@code count} reasons each way from the value effects alone. */
    public ReasonSettings(int count) {
        this(count, ReasonAttribution.EFFECTS.id());
    }

    /** The attribution the setting names. */
    public ReasonAttribution method() {
        return ReasonAttribution.parse(attribution);
    }
}
