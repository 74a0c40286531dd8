package io.leadscorer.model.bundle;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a bundle was made from, recorded in its manifest so that a served model can be traced back to its training
 * run: the SHA-256 of the training file, its rows read and used (after the malformed ones were skipped) and the share
 * of converted leads among those used, every training setting in effect as {@code trainer.*} keys and the values
 * {@code --set} takes, the project version of the trainer, and when the training started and finished. Bundles
 * written before lineage was recorded have none.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Lineage(
        @JsonProperty("training_data_sha256") String trainingDataSha256,
        @JsonProperty("rows_read") long rowsRead,
        @JsonProperty("rows_used") long rowsUsed,
        @JsonProperty("positive_rate") double positiveRate,
        @JsonProperty("settings") Map<String, String> settings,
        @JsonProperty("project_version") String projectVersion,
        @JsonProperty("training_started_at") Instant trainingStartedAt,
        @JsonProperty("training_finished_at") Instant trainingFinishedAt) {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    @JsonCreator
    public Lineage {
        if (trainingDataSha256 == null || !SHA256_HEX.matcher(trainingDataSha256).matches()) {
            throw new IllegalArgumentException("training_data_sha256 must be a lower-case hex SHA-256, was "
                    + trainingDataSha256);
        }
        if (rowsUsed < 0 || rowsRead < rowsUsed) {
            throw new IllegalArgumentException("rows_used must be between 0 and rows_read (" + rowsRead + "), was "
                    + rowsUsed);
        }
        if (!(positiveRate >= 0 && positiveRate <= 1)) {
            throw new IllegalArgumentException("positive_rate must be in [0, 1], was " + positiveRate);
        }
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(settings, "settings")));
        if (projectVersion == null || projectVersion.isBlank()) {
            throw new IllegalArgumentException("project_version must not be blank");
        }
        Objects.requireNonNull(trainingStartedAt, "training_started_at");
        Objects.requireNonNull(trainingFinishedAt, "training_finished_at");
        if (trainingFinishedAt.isBefore(trainingStartedAt)) {
            throw new IllegalArgumentException("training_finished_at " + trainingFinishedAt
                    + " is before training_started_at " + trainingStartedAt);
        }
    }

    /** One line for logs and the operator: version, times, the file's digest and rows. */
    public String summary() {
        return String.format(Locale.ROOT, "trained by lead-scorer %s from %s to %s on training data SHA-256 %s "
                        + "(%d rows read, %d used, positive rate %.4f)", projectVersion, trainingStartedAt,
                trainingFinishedAt, trainingDataSha256, rowsRead, rowsUsed, positiveRate);
    }
}
