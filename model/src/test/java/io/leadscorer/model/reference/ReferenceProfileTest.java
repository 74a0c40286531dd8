package io.leadscorer.model.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.leadscorer.model.bundle.Bundle;
import io.leadscorer.model.bundle.BundleException;
import io.leadscorer.model.bundle.BundleWriter;
import io.leadscorer.model.bundle.Manifest;
import io.leadscorer.model.network.BertConfig;
import io.leadscorer.model.testing.SyntheticLeads;
import io.leadscorer.model.text.ColumnKind;
import io.leadscorer.model.text.LeadColumn;
import io.leadscorer.model.text.LeadColumns;
import io.leadscorer.model.text.LeadRecord;
import io.leadscorer.model.text.TextSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferenceProfileTest {

    @TempDir
    Path store;

    @Test
    void aTextColumnHasItsMostFrequentValuesTiesByValueThenOtherAndMissing() {
        List<LeadRecord> leads = leads("customer_type", "Installer", "Others", "End-Customer", "Installer", null,
                "Distributor", "End-Customer", "Installer", "Distributor", null);

        ColumnReference column = ReferenceProfile.fit(leads, null, 2, 10).columns().get(index("customer_type"));

        assertThat(column.kind()).isEqualTo(ColumnKind.TEXT);
        assertThat(column.values()).containsExactly("Installer", "Distributor");
        assertThat(column.bins()).isEqualTo(4);
        assertThat(column.missingBin()).isEqualTo(3);
        assertThat(column.shares()).containsExactly(0.3, 0.2, 0.3, 0.2);
        assertThat(column.bin("Installer")).isZero();
        assertThat(column.bin("Distributor")).isEqualTo(1);
        assertThat(column.bin("End-Customer")).isEqualTo(2);
        assertThat(column.bin("never seen in training")).isEqualTo(2);
        assertThat(column.bin(null)).isEqualTo(3);
        assertThat(List.of(column.label(0), column.label(1), column.label(2), column.label(3)))
                .containsExactly("Installer", "Distributor", "other", "missing");
        assertThat(column.share(2)).isEqualTo(0.3);
    }

    @Test
    void aNumberColumnHasQuantileIntervalsThenMissing() {
        List<LeadRecord> leads = leads("customer_idx", 7L, 1L, 10L, 4L, null, 2L, 9L, 5L, 3L, null, 8L, 6L);

        ColumnReference column = ReferenceProfile.fit(leads, null, 20, 4).columns().get(index("customer_idx"));

        assertThat(column.kind()).isEqualTo(ColumnKind.NUMBER);
        assertThat(column.values()).isEmpty();
        // 10 numbers in 4 bins: the values at ranks 2, 5 and 7 of 0..9
        assertThat(column.edges()).containsExactly(3.0, 6.0, 8.0);
        assertThat(column.bins()).isEqualTo(5);
        assertThat(column.shares()).containsExactly(2 / 12.0, 3 / 12.0, 2 / 12.0, 3 / 12.0, 2 / 12.0);
        assertThat(column.bin(-50L)).isZero();
        assertThat(column.bin(2.999)).isZero();
        assertThat(column.bin(3L)).isEqualTo(1);
        assertThat(column.bin(3.0)).isEqualTo(1);
        assertThat(column.bin(7.5)).isEqualTo(2);
        assertThat(column.bin(1e9)).isEqualTo(3);
        assertThat(column.bin(Double.POSITIVE_INFINITY)).isEqualTo(3);
        assertThat(column.bin(null)).isEqualTo(4);
        assertThat(column.bin(Double.NaN)).isEqualTo(4);
        assertThat(column.bin("12,5")).as("a cell that is not a number").isEqualTo(4);
        assertThat(List.of(column.label(0), column.label(1), column.label(2), column.label(3), column.label(4)))
                .containsExactly("< 3", "[3, 6)", "[6, 8)", ">= 8", "missing");
    }

    @Test
    void equalQuantilesAreMergedAndAnEmptyColumnHasOneIntervalAndMissing() {
        List<LeadRecord> leads = leads("lead_desc_length", 0.0, 0.0, 12.0, 0.0, 0.0, 5.0, 0.0, 9.0, 0.0, 0.0);

        ReferenceProfile profile = ReferenceProfile.fit(leads, null, 20, 5);

        ColumnReference lengths = profile.columns().get(index("lead_desc_length"));
        assertThat(lengths.edges()).containsExactly(9.0);
        assertThat(lengths.shares()).containsExactly(0.8, 0.2, 0.0);
        ColumnReference empty = profile.columns().get(index("ver_pro"));
        assertThat(empty.edges()).isEmpty();
        assertThat(empty.shares()).containsExactly(0.0, 1.0);
        assertThat(empty.bin(0.5)).isZero();
        assertThat(empty.label(0)).isEqualTo("any");
        ColumnReference emptyText = profile.columns().get(index("customer_job"));
        assertThat(emptyText.values()).isEmpty();
        assertThat(emptyText.shares()).containsExactly(0.0, 1.0);
        assertThat(emptyText.bin("engineering")).isZero();
    }

    @Test
    void coversEveryLeadColumnInOrderAndCountsTheTrainingLeads() {
        ReferenceProfile profile = ReferenceProfile.fit(events(300, 1), null, 20, 10);

        assertThat(profile.trainingLeads()).isEqualTo(300);
        assertThat(profile.columns()).extracting(ColumnReference::name).containsExactlyElementsOf(LeadColumns.NAMES);
        assertThat(profile.columns()).extracting(ColumnReference::kind)
                .containsExactlyElementsOf(LeadColumns.ALL.stream().map(LeadColumn::kind).toList());
        for (ColumnReference column : profile.columns()) {
            assertThat(column.shares()).hasSize(column.bins());
            assertThat(java.util.Arrays.stream(column.shares()).sum()).as(column.name()).isCloseTo(1.0, within(1e-9));
        }
        assertThat(profile.columns().get(index("product_category")).values()).hasSizeLessThanOrEqualTo(20).isNotEmpty();
        assertThat(profile.score()).isNull();
        assertThat(new String(profile.toJson(), StandardCharsets.UTF_8)).doesNotContain("\"score\"");
    }

    @Test
    void theScoreReferenceHoldsTheDecilesOfTheValidationProbabilities() {
        double[] scores = new double[100];
        for (int i = 0; i < scores.length; i++) {
            scores[(i * 37) % 100] = i / 100.0;
        }

        ScoreReference score = ReferenceProfile.fit(events(10, 2), scores, 20, 10).score();

        assertThat(score.edges()).containsExactly(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9);
        assertThat(score.bins()).isEqualTo(ScoreReference.BINS);
        for (int bin = 0; bin < score.bins(); bin++) {
            assertThat(score.share(bin)).isEqualTo(0.1);
        }
        assertThat(score.bin(0.0)).isZero();
        assertThat(score.bin(0.05)).isZero();
        assertThat(score.bin(0.1)).isEqualTo(1);
        assertThat(score.bin(0.95)).isEqualTo(9);
        assertThat(score.bin(1.0)).isEqualTo(9);
        assertThat(score.label(1)).isEqualTo("[0.1, 0.2)");
        assertThatThrownBy(() -> score.bin(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theJsonReadsBackToTheSameProfileAndTheSameBytes() {
        ReferenceProfile profile = ReferenceProfile.fit(events(400, 3), new double[] {0.02, 0.5, 0.13, 0.77, 0.02}, 5, 10);
        byte[] json = profile.toJson();

        ReferenceProfile read = ReferenceProfile.fromJson(json, "test");

        assertThat(read).isEqualTo(profile);
        assertThat(read.toJson()).isEqualTo(json);
        assertThat(read.columns().get(index("customer_type")).bin("Installer"))
                .isEqualTo(profile.columns().get(index("customer_type")).bin("Installer"));
    }

    @Test
    void theSameLeadsInAnotherOrderGiveTheSameBytes() {
        List<LeadRecord> leads = events(400, 4);
        List<LeadRecord> shuffled = new ArrayList<>(leads);
        Collections.shuffle(shuffled, new java.util.Random(9));
        double[] scores = {0.4, 0.1, 0.9, 0.3};

        assertThat(ReferenceProfile.fit(shuffled, new double[] {0.9, 0.3, 0.1, 0.4}, 3, 7).toJson())
                .isEqualTo(ReferenceProfile.fit(leads, scores, 3, 7).toJson());
    }

    @Test
    void badContentIsAClearBundleError() {
        assertThatThrownBy(() -> ReferenceProfile.fromJson("{\"training_leads\": ".getBytes(StandardCharsets.UTF_8), "m/reference.json"))
                .isInstanceOf(BundleException.class)
                .hasMessageStartingWith("m/reference.json is not a valid reference profile: ");
        String wrongShares = "{\"training_leads\": 10, \"columns\": [{\"name\": \"customer_type\", \"kind\": \"TEXT\","
                + " \"values\": [\"Installer\"], \"shares\": [0.5, 0.5]}]}";
        assertThatThrownBy(() -> ReferenceProfile.fromJson(wrongShares.getBytes(StandardCharsets.UTF_8), "m/reference.json"))
                .isInstanceOf(BundleException.class)
                .hasMessage("m/reference.json is not a valid reference profile: column customer_type has 3 bins but 2 shares");
        String unsorted = "{\"training_leads\": 10, \"columns\": [], \"score\": {\"edges\": [0.5, 0.2],"
                + " \"shares\": [0.2, 0.3, 0.5]}}";
        assertThatThrownBy(() -> ReferenceProfile.fromJson(unsorted.getBytes(StandardCharsets.UTF_8), "m/reference.json"))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("score edges must be finite and strictly increasing");
        assertThatThrownBy(() -> ReferenceProfile.fromJson("null".getBytes(StandardCharsets.UTF_8), "m/reference.json"))
                .isInstanceOf(BundleException.class);
    }

    @Test
    void aBundleVouchesForItsReferenceAndOneWithoutItHasNone() throws IOException {
        ReferenceProfile profile = ReferenceProfile.fit(events(50, 5), new double[] {0.2, 0.6}, 20, 10);
        Bundle with = publish("with-reference", profile);
        Bundle without = publish("without-reference", null);

        assertThat(ReferenceProfile.of(Bundle.open(with.dir()))).contains(profile);
        assertThat(ReferenceProfile.of(Bundle.open(without.dir()))).isEqualTo(Optional.empty());

        Files.write(with.dir().resolve(ReferenceProfile.FILE_NAME),
                ReferenceProfile.fit(events(50, 6), new double[] {0.2, 0.6}, 20, 10).toJson());
        assertThatThrownBy(() -> Bundle.open(with.dir()))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("failed verification: " + ReferenceProfile.FILE_NAME + " has SHA-256 ");
    }

    private Bundle publish(String modelId, ReferenceProfile profile) throws IOException {
        try (BundleWriter writer = BundleWriter.begin(store)) {
            BertConfig.compact(1000).write(writer.staging().resolve("config.json"));
            if (profile != null) {
                Files.write(writer.staging().resolve(ReferenceProfile.FILE_NAME), profile.toJson());
            }
            return writer.publish(Manifest.of(modelId, Instant.parse("2026-11-25T06:01:02Z"), null,
                    BertConfig.compact(1000), TextSpec.defaults(), 0.5, Map.of(), Map.of()));
        }
    }

    /** Leads with only {@code column} set, to the given values in turn (null: missing). */
    private static List<LeadRecord> leads(String column, Object... values) {
        List<LeadRecord> leads = new ArrayList<>();
        for (Object value : values) {
            Map<String, Object> cells = new HashMap<>();
            cells.put(column, value);
            leads.add(cells::get);
        }
        return leads;
    }

    private static List<LeadRecord> events(int count, long seed) {
        return SyntheticLeads.events(count, seed).stream().map(LeadRecord::of).toList();
    }

    private static int index(String column) {
        return LeadColumns.NAMES.indexOf(column);
    }
}
