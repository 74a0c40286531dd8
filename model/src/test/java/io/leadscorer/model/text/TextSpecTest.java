package io.leadscorer.model.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextSpecTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void defaultsKeepEveryColumnInOrder() {
        TextSpec spec = TextSpec.defaults();

        assertThat(spec.keptColumns()).isEqualTo(LeadColumns.NAMES).hasSize(28);
        assertThat(spec.droppedColumns()).isEmpty();
        assertThat(spec.stopWords()).contains("etc", "n/a", "none").doesNotContain("other", "others");
        assertThat(spec.separator()).isEqualTo(" ");
        assertThat(spec.lowercase()).isTrue();
        assertThat(spec.significantDigits()).isEqualTo(4);
        assertThat(spec.maxValueChars()).isEqualTo(48);
        assertThat(spec.missingToken()).isEqualTo("nan");
        assertThat(spec.maxTokens()).isEqualTo(48);
    }

    @Test
    void withDroppedMovesColumnsAndRejectsUnknownNames() {
        TextSpec spec = TextSpec.defaults().withDropped(List.of("ver_cus", "lead_owner")).withDropped(List.of("ver_cus"));

        assertThat(spec.keptColumns()).hasSize(26).doesNotContain("ver_cus", "lead_owner");
        assertThat(spec.droppedColumns()).containsExactly("ver_cus", "lead_owner");
        assertThatThrownBy(() -> TextSpec.defaults().withDropped(List.of("customer_country.1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("customer_country.1");
    }

    @Test
    void roundTripsThroughSnakeCaseJson() throws Exception {
        TextSpec spec = TextSpec.defaults().withDropped(List.of("ver_pro"));

        String written = json.writeValueAsString(spec);
        JsonNode tree = json.readTree(written);

        assertThat(tree.fieldNames()).toIterable().containsExactly("kept_columns", "dropped_columns", "stop_words",
                "removed_characters", "separator", "lowercase", "significant_digits", "column_digits",
                "max_value_chars",
                "missing_token", "max_tokens", "id_rate_columns", "id_rare_below");
        assertThat(tree.get("dropped_columns").get(0).asText()).isEqualTo("ver_pro");
        assertThat(json.readValue(written, TextSpec.class)).isEqualTo(spec);
    }

    @Test
    void columnDigitsRoundTripAndOlderManifestsWithoutThemReadAsNone() throws Exception {
        TextSpec spec = TextSpec.defaults().withColumnDigits(Map.of("lead_desc_length", 2));

        assertThat(json.readValue(json.writeValueAsString(spec), TextSpec.class)).isEqualTo(spec);
        ObjectNode older = (ObjectNode) json.readTree(json.writeValueAsString(TextSpec.defaults()));
        older.remove("column_digits");
        assertThat(json.treeToValue(older, TextSpec.class).columnDigits()).isEmpty();
    }

    @Test
    void columnDigitsNameNumberColumnsWithPositiveDigits() {
        assertThatThrownBy(() -> TextSpec.defaults().withColumnDigits(Map.of("customer_job", 2)))
                .hasMessageContaining("not a number column");
        assertThatThrownBy(() -> TextSpec.defaults().withColumnDigits(Map.of("nope", 2)))
                .hasMessageContaining("not a number column");
        assertThatThrownBy(() -> TextSpec.defaults().withColumnDigits(Map.of("lead_desc_length", 0)))
                .hasMessageContaining("must be positive");
    }

    @Test
    void rejectsInconsistentSpecs() {
        assertThatThrownBy(() -> new TextSpec(List.of("ver_cus"), List.of("ver_cus"), List.of(), "", " ", true, 4, Map.of(), 48, "nan", 64))
                .hasMessageContaining("both kept and dropped");
        assertThatThrownBy(() -> new TextSpec(List.of("ver_cus", "ver_cus"), List.of(), List.of(), "", " ", true, 4, Map.of(), 48, "nan", 64))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> new TextSpec(List.of("nope"), List.of(), List.of(), "", " ", true, 4, Map.of(), 48, "nan", 64))
                .hasMessageContaining("unknown column 'nope'");
        assertThatThrownBy(() -> new TextSpec(List.of("ver_cus"), List.of(), List.of(), "[", " ", true, 4, Map.of(), 48, "nan", 64))
                .hasMessageContaining("removed_characters");
        assertThatThrownBy(() -> new TextSpec(List.of("ver_cus"), List.of(), List.of(), "", " ", true, 4, Map.of(), 48, "nan", 2))
                .hasMessageContaining("max_tokens");
    }
}
