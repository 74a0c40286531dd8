package io.leadscorer.trainer.data;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StratifiedSplitTest {

    /** 1000 rows, every tenth converted; the line number identifies a row. */
    private static final List<LeadRow> ROWS = rows(1000, 10);

    @Test
    void keepsTheClassBalanceInBothParts() {
        StratifiedSplit.Parts parts = new StratifiedSplit(0.2, 7).split(ROWS);

        assertThat(parts.validation()).hasSize(200);
        assertThat(parts.training()).hasSize(800);
        assertThat(parts.validation().stream().filter(LeadRow::converted).count()).isEqualTo(20);
        assertThat(parts.training().stream().filter(LeadRow::converted).count()).isEqualTo(80);
    }

    @Test
    void thePartsAreDisjointAndTogetherHoldEveryRow() {
        StratifiedSplit.Parts parts = new StratifiedSplit(0.3, 7).split(ROWS);

        Set<Long> training = lines(parts.training());
        Set<Long> validation = lines(parts.validation());
        assertThat(training).doesNotContainAnyElementsOf(validation);
        Set<Long> all = new HashSet<>(training);
        all.addAll(validation);
        assertThat(all).isEqualTo(lines(ROWS));
    }

    @Test
    void theSameSeedGivesTheSameSplitAndAnotherSeedAnother() {
        StratifiedSplit.Parts first = new StratifiedSplit(0.2, 7).split(ROWS);
        StratifiedSplit.Parts again = new StratifiedSplit(0.2, 7).split(ROWS);
        StratifiedSplit.Parts other = new StratifiedSplit(0.2, 8).split(ROWS);

        assertThat(again.training()).isEqualTo(first.training());
        assertThat(again.validation()).isEqualTo(first.validation());
        assertThat(lines(other.validation())).isNotEqualTo(lines(first.validation()));
    }

    @Test
    void rejectsAFractionOutsideZeroToOne() {
        assertThatThrownBy(() -> new StratifiedSplit(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StratifiedSplit(1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    static List<LeadRow> rows(int count, int positiveEvery) {
        List<LeadRow> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            rows.add(new LeadRow(i + 2, Map.of("lead_owner", Integer.toString(i)), i % positiveEvery == 0));
        }
        return rows;
    }

    private static Set<Long> lines(List<LeadRow> rows) {
        Set<Long> lines = new HashSet<>();
        rows.forEach(row -> lines.add(row.line()));
        return lines;
    }
}
