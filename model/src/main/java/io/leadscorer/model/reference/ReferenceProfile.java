package io.leadscorer.model.reference;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.leadscorer.model.bundle.Bundle;
import io.leadscorer.model.bundle.BundleJson;
import io.leadscorer.model.text.LeadColumn;
import io.leadscorer.model.text.LeadColumns;
import io.leadscorer.model.text.LeadRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The distributions a model was built on, kept in its bundle as {@link #FILE_NAME} so that a live monitor can tell
 * when the leads (or the scores) it sees have drifted from them: every lead column over the training leads
 * ({@link ColumnReference}) and the served probabilities of the validation leads ({@link ScoreReference}). Bundles
 * written before the file existed have none ({@link #of} is empty) and serve as before.
 *
 * @param trainingLeads how many training leads the column references rest on
 * @param columns       one per lead column, in the order of {@link LeadColumns#ALL} when the trainer wrote them
 * @param score         the validation scores' reference, or null when there is none
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReferenceProfile(
        @JsonProperty("training_leads") long trainingLeads,
        @JsonProperty("columns") List<ColumnReference> columns,
        @JsonProperty("score") ScoreReference score) {

    public static final String FILE_NAME = "reference.json";

    public ReferenceProfile {
        if (trainingLeads < 1) {
            throw new IllegalArgumentException("training_leads must be positive, was " + trainingLeads);
        }
        columns = List.copyOf(Objects.requireNonNull(columns, "columns"));
        Set<String> names = new HashSet<>();
        for (ColumnReference column : columns) {
            if (!names.add(column.name())) {
                throw new IllegalArgumentException("column " + column.name() + " appears twice");
            }
        }
    }

    /**
     * The reference of a model: every lead column over its training leads ({@code topValues} most frequent values
     * per TEXT column, up to {@code numberBins} quantile bins per NUMBER column) and, when there are any, the deciles
     * of the served probabilities of its validation leads (null or empty: no score reference).
     */
    public static ReferenceProfile fit(List<? extends LeadRecord> trainingLeads, double[] validationScores,
                                       int topValues, int numberBins) {
        if (trainingLeads.isEmpty()) {
            throw new IllegalArgumentException("a reference needs training leads");
        }
        if (topValues < 0 || numberBins < 1) {
            throw new IllegalArgumentException("need at least 0 top values and 1 number bin, was " + topValues
                    + " and " + numberBins);
        }
        List<ColumnReference> columns = new ArrayList<>(LeadColumns.ALL.size());
        for (LeadColumn column : LeadColumns.ALL) {
            columns.add(ColumnReference.fit(column, trainingLeads, topValues, numberBins));
        }
        ScoreReference score = validationScores == null || validationScores.length == 0
                ? null : ScoreReference.fit(validationScores);
        return new ReferenceProfile(trainingLeads.size(), columns, score);
    }

    /** The reference of a verified bundle, or empty when its manifest lists no {@link #FILE_NAME}. */
    public static Optional<ReferenceProfile> of(Bundle bundle) {
        return BundleJson.read(bundle, FILE_NAME, ReferenceProfile.class, "a valid reference profile");
    }

    /** The reference.json bytes (UTF-8, indented); the same profile always gives the same bytes. */
    public byte[] toJson() {
        return BundleJson.write(this, "the reference profile");
    }

    /**
     * Reads reference.json bytes.
     *
     * @param source names the file in error messages
     */
    public static ReferenceProfile fromJson(byte[] json, String source) {
        return BundleJson.read(json, source, ReferenceProfile.class, "a valid reference profile");
    }
}
