package io.leadscorer.model.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestTest {
    private static final Instant CREATED = Instant.parse("2026-11-25T06:01:02.123Z");

    @Test
    void roundTripsThroughSnakeCaseJson() throws Exception {
        Manifest manifest = Bundles.manifest("20261125T060102Z-ab12cd34", CREATED)
                .withFiles(Map.of("tokenizer.json", Bundles.HELLO_SHA256));

        byte[] json = manifest.toJson();
        JsonNode tree = new ObjectMapper().readTree(json);

        assertThat(tree.fieldNames()).toIterable().containsExactly("format_version", "model_id", "created_at",
                "base_checkpoint", "network", "text", "threshold", "metrics", "column_importances", "files", "calibration");
        assertThat(tree.get("format_version").asInt()).isEqualTo(1);
        assertThat(tree.get("created_at").asText()).isEqualTo("2026-11-25T06:01:02.123Z");
        assertThat(tree.at("/network/hidden_size").asInt()).isEqualTo(128);
        assertThat(tree.at("/text/dropped_columns/1").asText()).isEqualTo("it_strategic_ver");
        assertThat(tree.at("/text/max_tokens").asInt()).isEqualTo(48);
        assertThat(tree.at("/files/tokenizer.json").asText()).isEqualTo(Bundles.HELLO_SHA256);
        assertThat(Manifest.fromJson(json, "test")).isEqualTo(manifest);
    }

    @Test
    void rejectsAnUnknownFormatVersionBeforeReadingFurther() {
        byte[] json = "{\"format_version\": 2, \"model_id\": 42, \"something\": \"new\"}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> Manifest.fromJson(json, "store/x/manifest.json"))
                .isInstanceOf(BundleException.class)
                .hasMessage("store/x/manifest.json has format version 2; this build reads format version 1");
        assertThatThrownBy(() -> Manifest.fromJson("{}".getBytes(StandardCharsets.UTF_8), "m.json"))
                .hasMessage("m.json has no format_version");
        assertThatThrownBy(() -> Manifest.fromJson("{".getBytes(StandardCharsets.UTF_8), "m.json"))
                .isInstanceOf(BundleException.class)
                .hasMessageStartingWith("m.json is not valid JSON");
    }

    @Test
    void rejectsInvalidFieldsWithTheirNames() {
        String valid = new String(Bundles.manifest("m-1", CREATED).toJson(), StandardCharsets.UTF_8);
        byte[] badThreshold = valid.replace("\"threshold\" : 0.42", "\"threshold\" : 1.5").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> Manifest.fromJson(badThreshold, "m.json"))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("m.json is not a valid manifest")
                .hasMessageContaining("threshold must be in [0, 1], was 1.5");
        assertThatThrownBy(() -> Bundles.manifest("../escape", CREATED))
                .hasMessageContaining("model_id '../escape' is not a directory-safe name");
        assertThatThrownBy(() -> Bundles.manifest("m-1", CREATED).withFiles(Map.of("../x", Bundles.HELLO_SHA256)))
                .hasMessageContaining("'../x', which is not a relative path");
        assertThatThrownBy(() -> Bundles.manifest("m-1", CREATED).withFiles(Map.of("x", "ABC")))
                .hasMessageContaining("no lower-case hex SHA-256 for x");
    }

    @Test
    void carriesItsLineageAfterTheOtherFieldsAndReadsOneWrittenWithoutIt() throws Exception {
        Manifest manifest = Bundles.manifest("m-1", CREATED).withLineage(LINEAGE);

        byte[] json = manifest.toJson();
        JsonNode tree = new ObjectMapper().readTree(json);

        assertThat(tree.get("lineage").fieldNames()).toIterable().containsExactly("training_data_sha256", "rows_read",
                "rows_used", "positive_rate", "settings", "project_version", "training_started_at",
                "training_finished_at");
        assertThat(tree.at("/lineage/settings").fieldNames()).toIterable()
                .containsExactly("trainer.seed", "trainer.optimization.learning-rate");
        assertThat(tree.at("/lineage/training_started_at").asText()).isEqualTo("2026-11-25T05:51:02.123Z");
        assertThat(Manifest.fromJson(json, "test")).isEqualTo(manifest);
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree).remove("lineage");
        Manifest old = Manifest.fromJson(new ObjectMapper().writeValueAsBytes(tree), "old");
        assertThat(old.lineage()).isNull();
        assertThat(old).isEqualTo(manifest.withLineage(null));
    }

    @Test
    void rejectsALineageThatCannotBeTrue() {
        String valid = new String(Bundles.manifest("m-1", CREATED).withLineage(LINEAGE).toJson(), StandardCharsets.UTF_8);
        byte[] badDigest = valid.replace(Bundles.HELLO_SHA256, "ABC").getBytes(StandardCharsets.UTF_8);
        byte[] moreUsedThanRead = valid.replace("\"rows_used\" : 980", "\"rows_used\" : 1001")
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> Manifest.fromJson(badDigest, "m.json"))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("training_data_sha256 must be a lower-case hex SHA-256, was ABC");
        assertThatThrownBy(() -> Manifest.fromJson(moreUsedThanRead, "m.json"))
                .hasMessageContaining("rows_used must be between 0 and rows_read (1000), was 1001");
        assertThatThrownBy(() -> new Lineage(Bundles.HELLO_SHA256, 10, 10, 0.5, Map.of(), "1.0",
                CREATED, CREATED.minusSeconds(1)))
                .hasMessageContaining("is before training_started_at");
    }

    private static final Lineage LINEAGE = new Lineage(Bundles.HELLO_SHA256, 1000, 980, 0.125,
            linked("trainer.seed", "42", "trainer.optimization.learning-rate", "5.0E-4"), "0.1.0-SNAPSHOT",
            CREATED.minusSeconds(600), CREATED);

    private static Map<String, String> linked(String... keysAndValues) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
