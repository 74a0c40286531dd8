package io.leadscorer.trainer.prune;

import io.leadscorer.model.text.LeadColumns;
import io.leadscorer.simulator.csv.LeadCsv;
import io.leadscorer.simulator.world.SimulatedLead;
import io.leadscorer.trainer.data.LeadRow;
import io.leadscorer.trainer.testing.SimulatedCsv;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ColumnPrunerTest {
    /** Simulated leads with every ver_pro cell blanked: shuffling that column cannot change any prediction. */
    private static final List<LeadRow> TRAINING = rows(SimulatedCsv.leads(1500, 3), "ver_pro");
    private static final ColumnImportance.ForestSettings FOREST =
            new ColumnImportance.ForestSettings(12, 8, 0.5f, 0.25, 2, 20_000, 42);

    @Test
    void dropsTheConfiguredNumberOfLeastImportantColumns() {
        Pruning pruning = new ColumnPruner(3, new ColumnImportance(FOREST)).prune(LeadColumns.ALL, TRAINING);

        assertThat(pruning.importances().keySet()).containsExactlyElementsOf(LeadColumns.NAMES);
        assertThat(pruning.dropped()).hasSize(3);
        assertThat(pruning.importances().get("ver_pro")).isZero();
        double highestDropped = pruning.dropped().stream().mapToDouble(pruning.importances()::get).max().orElseThrow();
        double lowestKept = pruning.importances().entrySet().stream()
                .filter(e -> !pruning.dropped().contains(e.getKey()))
                .mapToDouble(Map.Entry::getValue).min().orElseThrow();
        assertThat(highestDropped).isLessThanOrEqualTo(lowestKept);
        // the forest finds the signal the simulator put in: some column matters (ROC-AUC drops when shuffled)
        assertThat(pruning.importances().values().stream().mapToDouble(d -> d).max().orElseThrow()).isGreaterThan(0.01);
    }

    @Test
    void theSameSeedGivesTheSameImportances() {
        Pruning first = new ColumnPruner(5, new ColumnImportance(FOREST)).prune(LeadColumns.ALL, TRAINING);
        Pruning again = new ColumnPruner(5, new ColumnImportance(FOREST)).prune(LeadColumns.ALL, TRAINING);

        assertThat(again).isEqualTo(first);
    }

    @Test
    void aSampleOfTheRowsIsEnoughForTheForest() {
        ColumnImportance.ForestSettings sampled = new ColumnImportance.ForestSettings(12, 8, 0.5f, 0.25, 2, 600, 42);

        Pruning pruning = new ColumnPruner(3, new ColumnImportance(sampled)).prune(LeadColumns.ALL, TRAINING);

        assertThat(pruning.dropped()).hasSize(3);
        assertThat(pruning.importances()).hasSize(28).containsEntry("ver_pro", 0.0);
    }

    @Test
    void zeroColumnsDisablesPruningWithoutGrowingAForest() {
        Pruning pruning = new ColumnPruner(0, null).prune(LeadColumns.ALL, TRAINING);

        assertThat(pruning.dropped()).isEmpty();
        assertThat(pruning.importances()).isEmpty();
    }

    @Test
    void cannotDropEveryColumn() {
        assertThatThrownBy(() -> new ColumnPruner(28, new ColumnImportance(FOREST)).prune(LeadColumns.ALL, TRAINING))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot drop 28 of 28 columns");
        assertThatThrownBy(() -> new ColumnPruner(-1, null)).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<LeadRow> rows(List<SimulatedLead> leads, String blanked) {
        List<LeadRow> rows = new ArrayList<>();
        for (SimulatedLead lead : leads) {
            Map<String, String> cells = new LinkedHashMap<>(lead.csvRow());
            cells.remove(LeadCsv.LABEL);
            cells.remove(blanked);
            cells.values().removeIf(String::isEmpty);
            rows.add(new LeadRow(lead.index() + 2, cells, lead.converted()));
        }
        return rows;
    }
}
