package io.leadscorer.monitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadscorer.avro.ColumnDrift;
import io.leadscorer.avro.DriftLevel;
import io.leadscorer.avro.ModelQuality;
import io.leadscorer.avro.QualityScope;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QualityTableTest {

    private static ModelQuality quality(String model, QualityScope scope, String start, long labelled, Double auc,
                                        List<ColumnDrift> drift) {
        return ModelQuality.newBuilder().setModelId(model).setScope(scope).setWindowStart(Instant.parse(start))
                .setWindowEnd(Instant.parse(start).plusSeconds(3600)).setScored(labelled * 2).setLabelled(labelled)
                .setPositives(labelled / 4).setAuc(auc).setAucErrorBound(auc == null ? null : 0.0012)
                .setLogLoss(auc == null ? null : 0.3123).setTruePositives(1).setFalsePositives(2).setFalseNegatives(3)
                .setDrift(drift).setDriftLeads(drift.isEmpty() ? 0 : 40).setUpdatedTime(Instant.parse(start)).build();
    }

    private static String print(Map<String, ModelQuality> latest, String model, int windows) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        QualityTable.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), latest, model, windows);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void eachModelShowsItsCumulativeRowTheNewestWindowsAndTheColumnsThatDrifted() {
        ColumnDrift moved = ColumnDrift.newBuilder().setColumn("customer_country").setPsi(0.41).setMissingRate(0.3)
                .setReferenceMissingRate(0.05).setLevel(DriftLevel.ALARM).build();
        ColumnDrift still = ColumnDrift.newBuilder().setColumn("enterprise").setPsi(0.01).setMissingRate(0)
                .setReferenceMissingRate(0).setLevel(DriftLevel.OK).build();
        Map<String, ModelQuality> latest = new LinkedHashMap<>();
        latest.put("a@all", quality("a", QualityScope.CUMULATIVE, "2026-03-02T09:00:00Z", 400, 0.8123, List.of(moved, still)));
        latest.put("a@2026-03-02T09:00:00Z", quality("a", QualityScope.WINDOW, "2026-03-02T09:00:00Z", 100, 0.8, List.of()));
        latest.put("a@2026-03-02T10:00:00Z", quality("a", QualityScope.WINDOW, "2026-03-02T10:00:00Z", 120, 0.81, List.of()));
        latest.put("a@2026-03-02T11:00:00Z", quality("a", QualityScope.WINDOW, "2026-03-02T11:00:00Z", 0, null, List.of()));
        latest.put("b@all", quality("b", QualityScope.CUMULATIVE, "2026-03-02T10:00:00Z", 10, null, List.of()));

        String text = print(latest, null, 2);

        assertThat(text).contains("model a").contains("model b").contains("0.8123(0.0012)")
                .contains("2026-03-02T11:00Z").contains("2026-03-02T10:00Z").doesNotContain("2026-03-02T09:00Z ")
                .contains("customer_country").contains("PSI 0.410 ALARM").doesNotContain("enterprise")
                .contains("none recorded");
        assertThat(text.indexOf("model a")).isLessThan(text.indexOf("model b"));
        assertThat(print(latest, "b", 5)).contains("model b").doesNotContain("model a");
        assertThat(print(latest, "c", 5)).contains("no quality figures for model c");
    }
}
