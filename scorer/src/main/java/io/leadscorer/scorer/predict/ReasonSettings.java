package io.leadscorer.scorer.predict;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * How many reasons each score carries: up to {@code count} values that raised the lead's score and as many that
 * lowered it (ScoredLead.reasons); 0 leaves every score's reasons empty. Default and environment variable in
 * application.yml.
 */
@ConfigurationProperties("scorer.reasons")
public record ReasonSettings(@PositiveOrZero @Max(MAX_COUNT) int count) {

    /** More would list nearly every column of a lead. */
    public static final int MAX_COUNT = 20;

    /** The default of application.yml, for tests and tools that build scorers without Micronaut. */
    public static final ReasonSettings DEFAULTS = new ReasonSettings(3);
}
