package io.leadscorer.model.bundle;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.leadscorer.model.network.BertConfig;
import io.leadscorer.model.predict.Calibration;
import io.leadscorer.model.text.TextSpec;
import java.io.IOException;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What a model bundle is: its id and time, the network, the exact text preprocessing, the decision threshold,
 * validation figures, what it was made from ({@link Lineage}) and the SHA-256 of every other file. Written once as
 * {@code manifest.json} by {@link BundleWriter#publish}; the scorer trusts nothing of a bundle that this file does not
 * vouch for.
 *
 * @param baseCheckpoint the Hugging Face checkpoint fine-tuned from, or null for a network trained from scratch
 * @param files          relative path ('/'-separated) to lower-case hex SHA-256, every file except manifest.json
 * @param calibration    how the predictor turns the network's probability into the served one; absent in older
 *                       manifests, read as {@link Calibration#NONE}
 * @param lineage        what the bundle was made from; null (and left out of the JSON) in manifests written before it
 *                       was recorded
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Manifest(
        @JsonProperty("format_version") int formatVersion,
        @JsonProperty("model_id") String modelId,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("base_checkpoint") String baseCheckpoint,
        @JsonProperty("network") BertConfig network,
        @JsonProperty("text") TextSpec text,
        @JsonProperty("threshold") double threshold,
        @JsonProperty("metrics") Map<String, Object> metrics,
        @JsonProperty("column_importances") Map<String, Double> columnImportances,
        @JsonProperty("files") Map<String, String> files,
        @JsonProperty("calibration") Calibration calibration,
        @JsonProperty("lineage") @JsonInclude(JsonInclude.Include.NON_NULL) Lineage lineage) {

    /** The bundle layout this code writes and the only one it reads. */
    public static final int FORMAT_VERSION = 1;
    public static final String FILE_NAME = "manifest.json";

    private static final Pattern MODEL_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    @JsonCreator
    public Manifest {
        calibration = calibration == null ? Calibration.NONE : calibration;
        if (formatVersion < 1) {
            throw new IllegalArgumentException("format_version must be positive, was " + formatVersion);
        }
        Objects.requireNonNull(modelId, "model_id");
        if (!MODEL_ID.matcher(modelId).matches()) {
            throw new IllegalArgumentException("model_id '" + modelId
                    + "' is not a directory-safe name (letters, digits, '.', '_', '-'; at most 128)");
        }
        Objects.requireNonNull(createdAt, "created_at");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(text, "text");
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in [0, 1], was " + threshold);
        }
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics == null ? Map.of() : metrics));
        columnImportances = Collections.unmodifiableMap(
                new LinkedHashMap<>(columnImportances == null ? Map.of() : columnImportances));
        files = Collections.unmodifiableMap(new TreeMap<>(files == null ? Map.of() : files));
        files.forEach(Manifest::requireValidEntry);
    }

    /** A manifest without calibration (served probabilities are the network's own). */
    public Manifest(int formatVersion, String modelId, Instant createdAt, String baseCheckpoint, BertConfig network,
                    TextSpec text, double threshold, Map<String, Object> metrics, Map<String, Double> columnImportances,
                    Map<String, String> files) {
        this(formatVersion, modelId, createdAt, baseCheckpoint, network, text, threshold, metrics, columnImportances,
                files, Calibration.NONE, null);
    }

    /** A new manifest in the current format; {@code files} is filled in by {@link BundleWriter#publish}. */
    public static Manifest of(String modelId, Instant createdAt, String baseCheckpoint, BertConfig network,
            TextSpec text, double threshold, Map<String, Object> metrics, Map<String, Double> columnImportances) {
        return new Manifest(FORMAT_VERSION, modelId, createdAt, baseCheckpoint, network, text, threshold, metrics,
                columnImportances, Map.of());
    }

    public Manifest withFiles(Map<String, String> checksums) {
        return new Manifest(formatVersion, modelId, createdAt, baseCheckpoint, network, text, threshold, metrics,
                columnImportances, checksums, calibration, lineage);
    }

    /** This manifest with the calibration its predictor applies. */
    public Manifest withCalibration(Calibration newCalibration) {
        return new Manifest(formatVersion, modelId, createdAt, baseCheckpoint, network, text, threshold, metrics,
                columnImportances, files, newCalibration, lineage);
    }

    /** This manifest with what its bundle was made from. */
    public Manifest withLineage(Lineage newLineage) {
        return new Manifest(formatVersion, modelId, createdAt, baseCheckpoint, network, text, threshold, metrics,
                columnImportances, files, calibration, newLineage);
    }

    /** The manifest.json bytes (UTF-8, indented). */
    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (JsonProcessingException e) {
            throw new BundleException("cannot write the manifest of " + modelId + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads manifest.json bytes, refusing any format version but {@link #FORMAT_VERSION} before reading further.
     *
     * @param source names the file in error messages
     */
    public static Manifest fromJson(byte[] json, String source) {
        JsonNode tree;
        try {
            tree = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new BundleException(source + " is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new BundleException("cannot read " + source + ": " + e, e);
        }
        JsonNode version = tree == null ? null : tree.get("format_version");
        if (version == null || !version.isInt()) {
            throw new BundleException(source + " has no format_version");
        }
        if (version.intValue() != FORMAT_VERSION) {
            throw new BundleException(source + " has format version " + version.intValue()
                    + "; this build reads format version " + FORMAT_VERSION);
        }
        try {
            return JSON.treeToValue(tree, Manifest.class);
        } catch (IOException | IllegalArgumentException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException invalid ? invalid : e;
            throw new BundleException(source + " is not a valid manifest: " + cause.getMessage(), e);
        }
    }

    private static void requireValidEntry(String name, String sha256) {
        boolean safe = !name.isEmpty() && !name.startsWith("/") && !name.contains("\\") && !name.equals(FILE_NAME);
        for (String part : name.split("/", -1)) {
            safe &= !part.isEmpty() && !part.equals(".") && !part.equals("..");
        }
        if (!safe) {
            throw new IllegalArgumentException("files lists '" + name + "', which is not a relative path inside the bundle");
        }
        if (sha256 == null || !SHA256_HEX.matcher(sha256).matches()) {
            throw new IllegalArgumentException("files has no lower-case hex SHA-256 for " + name + ": " + sha256);
        }
    }
}
