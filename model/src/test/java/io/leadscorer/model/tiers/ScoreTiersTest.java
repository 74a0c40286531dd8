package io.leadscorer.model.tiers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.leadscorer.model.bundle.Bundle;
import io.leadscorer.model.bundle.BundleException;
import io.leadscorer.model.bundle.BundleWriter;
import io.leadscorer.model.bundle.Manifest;
import io.leadscorer.model.network.BertConfig;
import io.leadscorer.model.text.TextSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoreTiersTest {

    @TempDir
    Path store;

    /** 1000 leads at 0.0005, 0.0015, ..., 0.9995; the top 100 all converted, nobody else. */
    private static ScoreTiers evenTiers() {
        double[] probabilities = new double[1000];
        boolean[] converted = new boolean[1000];
        for (int i = 0; i < probabilities.length; i++) {
            probabilities[i] = (i + 0.5) / 1000;
            converted[i] = i >= 900;
        }
        return ScoreTiers.fit(probabilities, converted, ScoreTiers.DEFAULT_SHARES, PercentileTable.DEFAULT_QUANTILES);
    }

    @Test
    void cutsTheValidationLeadsByShareHighestFirst() {
        ScoreTiers tiers = evenTiers();

        assertThat(tiers.tiers()).extracting(Tier::name).containsExactly("A", "B", "C", "D");
        assertThat(tiers.tiers()).extracting(Tier::leads).containsExactly(100L, 200L, 300L, 400L);
        assertThat(tiers.tiers()).extracting(Tier::minProbability).containsExactly(0.9005, 0.7005, 0.4005, 0.0);
        assertThat(tiers.tiers()).extracting(Tier::conversionRate).containsExactly(1.0, 0.0, 0.0, 0.0);
        assertThat(tiers.baseRate()).isEqualTo(0.1);
        assertThat(tiers.validationLeads()).isEqualTo(1000);
        assertThat(tiers.tier(0.9005).name()).isEqualTo("A");
        assertThat(tiers.tier(0.9004).name()).isEqualTo("B");
        assertThat(tiers.tier(0).name()).isEqualTo("D");
        assertThat(tiers.percentile(0.25)).isCloseTo(25, within(0.2));
    }

    @Test
    void leadsTiedAtACutGoToTheHigherTier() {
        double[] probabilities = {0.9, 0.8, 0.8, 0.8, 0.1};
        boolean[] converted = {true, true, false, false, false};

        ScoreTiers tiers = ScoreTiers.fit(probabilities, converted, List.of(0.4, 0.6), 11);

        assertThat(tiers.tiers()).extracting(Tier::leads).containsExactly(4L, 1L);
        assertThat(tiers.tiers().get(0).conversionRate()).isEqualTo(0.5);
        assertThat(tiers.tiers().get(1).conversionRate()).isEqualTo(0.0);
    }

    @Test
    void aTierNoValidationLeadReachedHasNoConversionRate() {
        ScoreTiers tiers = ScoreTiers.fit(new double[] {0.5, 0.5, 0.5, 0.5}, new boolean[] {true, false, false, false},
                List.of(0.5, 0.5), 11);

        assertThat(tiers.tiers()).extracting(Tier::leads).containsExactly(4L, 0L);
        assertThat(tiers.tiers().get(1).conversionRate()).isNull();
        assertThat(ScoreTiers.fromJson(tiers.toJson(), "t")).isEqualTo(tiers);
    }

    @Test
    void sharesMustBePositiveAndAddUpToOne() {
        assertThatThrownBy(() -> ScoreTiers.requireValidShares(List.of(0.5, 0.4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("add up to 1");
        assertThatThrownBy(() -> ScoreTiers.requireValidShares(List.of(1.0, 0.0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ScoreTiers.requireValidShares(List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        ScoreTiers.requireValidShares(List.of(0.1, 0.2, 0.3, 0.4));
        ScoreTiers.requireValidShares(List.of(1.0));
    }

    @Test
    void readsBackWhatItWritesAndRefusesTiersOutOfOrder() {
        ScoreTiers tiers = evenTiers();
        assertThat(ScoreTiers.fromJson(tiers.toJson(), "tiers.json")).isEqualTo(tiers);
        assertThat(tiers.toJson()).isEqualTo(evenTiers().toJson());

        String swapped = new String(tiers.toJson(), StandardCharsets.UTF_8).replace("0.9005", "0.1");
        assertThatThrownBy(() -> ScoreTiers.fromJson(swapped.getBytes(StandardCharsets.UTF_8), "m/tiers.json"))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("m/tiers.json is not valid score tiers")
                .hasMessageContaining("starts above the tier before it");
    }

    @Test
    void aBundleVouchesForItsTiersAndOneWithoutThemHasNone() throws IOException {
        Bundle with = publish("with-tiers", evenTiers());
        Bundle without = publish("without-tiers", null);

        assertThat(ScoreTiers.of(Bundle.open(with.dir()))).contains(evenTiers());
        assertThat(ScoreTiers.of(Bundle.open(without.dir()))).isEqualTo(Optional.empty());

        Files.write(with.dir().resolve(ScoreTiers.FILE_NAME), ScoreTiers.fit(new double[] {0.5}, new boolean[] {true},
                ScoreTiers.DEFAULT_SHARES, 11).toJson());
        assertThatThrownBy(() -> Bundle.open(with.dir()))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("failed verification: " + ScoreTiers.FILE_NAME + " has SHA-256 ");
    }

    private Bundle publish(String modelId, ScoreTiers tiers) throws IOException {
        try (BundleWriter writer = BundleWriter.begin(store)) {
            BertConfig.compact(1000).write(writer.staging().resolve("config.json"));
            if (tiers != null) {
                Files.write(writer.staging().resolve(ScoreTiers.FILE_NAME), tiers.toJson());
            }
            return writer.publish(Manifest.of(modelId, Instant.parse("2026-11-25T06:01:02Z"), null,
                    BertConfig.compact(1000), TextSpec.defaults(), 0.5, Map.of(), Map.of()));
        }
    }
}
