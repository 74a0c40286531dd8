package io.leadscorer.trainer.augment;

import io.leadscorer.trainer.data.LeadRow;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MissingCellAugmenterTest {
    private static final int CELLS = 20;

    @Test
    void copiesEveryConvertedRowTheConfiguredNumberOfTimesAndNothingElse() {
        List<LeadRow> training = rows(300, 10);

        List<LeadRow> augmented = new MissingCellAugmenter(8, 0.2).augment(training, new Random(1));

        assertThat(augmented).hasSize(300 + 8 * 30);
        assertThat(augmented.subList(0, 300)).isEqualTo(training);
        List<LeadRow> copies = augmented.subList(300, augmented.size());
        assertThat(copies).allMatch(LeadRow::converted);
        for (LeadRow original : training.stream().filter(LeadRow::converted).toList()) {
            List<LeadRow> ofOriginal = copies.stream().filter(c -> c.line() == original.line()).toList();
            assertThat(ofOriginal).hasSize(8);
            // a copy only loses cells: every cell it keeps has the original's value
            assertThat(ofOriginal).allSatisfy(copy -> assertThat(original.cells()).containsAllEntriesOf(copy.cells()));
        }
    }

    @Test
    void setsCellsMissingAtTheConfiguredRate() {
        List<LeadRow> training = rows(2000, 2);

        List<LeadRow> augmented = new MissingCellAugmenter(8, 0.2).augment(training, new Random(1));

        List<LeadRow> copies = augmented.subList(training.size(), augmented.size());
        long cells = (long) copies.size() * CELLS;
        long kept = copies.stream().mapToLong(c -> c.cells().size()).sum();
        double missingRate = 1 - (double) kept / cells;
        // 160,000 cells: the standard deviation of the observed rate is 0.001
        assertThat(missingRate).isBetween(0.195, 0.205);
    }

    @Test
    void zeroCopiesOrARateOfZeroChangeNothing() {
        List<LeadRow> training = rows(100, 4);

        assertThat(new MissingCellAugmenter(0, 0.2).augment(training, new Random(1))).isEqualTo(training);
        List<LeadRow> unchanged = new MissingCellAugmenter(2, 0).augment(training, new Random(1));
        assertThat(unchanged.subList(100, unchanged.size()))
                .allSatisfy(copy -> assertThat(copy.cells()).hasSize(CELLS));
    }

    @Test
    void theSameRandomSourceGivesTheSameCopies() {
        List<LeadRow> training = rows(200, 5);

        assertThat(new MissingCellAugmenter(8, 0.2).augment(training, new Random(5)))
                .isEqualTo(new MissingCellAugmenter(8, 0.2).augment(training, new Random(5)))
                .isNotEqualTo(new MissingCellAugmenter(8, 0.2).augment(training, new Random(6)));
    }

    @Test
    void rejectsImpossibleSettings() {
        assertThatThrownBy(() -> new MissingCellAugmenter(-1, 0.2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MissingCellAugmenter(8, 1.5)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Rows with {@value #CELLS} present cells each; every {@code positiveEvery}-th converted. */
    private static List<LeadRow> rows(int count, int positiveEvery) {
        List<LeadRow> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, String> cells = new HashMap<>();
            for (int c = 0; c < CELLS; c++) {
                cells.put("column" + c, "value" + i + "_" + c);
            }
            rows.add(new LeadRow(i + 2, cells, i % positiveEvery == 0));
        }
        return rows;
    }
}
