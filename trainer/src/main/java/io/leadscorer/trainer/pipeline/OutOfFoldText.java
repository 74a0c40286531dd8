package io.leadscorer.trainer.pipeline;

import io.leadscorer.model.text.IdRates;
import io.leadscorer.model.text.LeadRecord;
import io.leadscorer.model.text.LeadText;
import io.leadscorer.trainer.data.LeadRow;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Lead text for training and for held-out rows when the spec adds id rate cells. A training row's rates come
 * from the training rows of the other folds (out of fold), so its own label never shows in its text; held-out
 * rows (validation, and the scorer later) use the table of all training rows, which goes into the bundle.
 * Folds are drawn per source line, so an augmented copy shares its original's fold. Without id rate columns
 * both kinds of row get the spec's plain text.
 */
final class OutOfFoldText {
    private final LeadText plain;
    private final IdRates all;
    private final LeadText allText;
    private final List<LeadText> foldTexts;
    private final Map<Long, Integer> foldByLine;

    private OutOfFoldText(LeadText plain, IdRates all, LeadText allText, List<LeadText> foldTexts,
                          Map<Long, Integer> foldByLine) {
        this.plain = plain;
        this.all = all;
        this.allText = allText;
        this.foldTexts = foldTexts;
        this.foldByLine = foldByLine;
    }

    static OutOfFoldText fit(LeadText text, List<LeadRow> training, int folds, double smoothing, long seed) {
        List<String> columns = text.spec().idRateColumns();
        if (columns.isEmpty()) {
            return new OutOfFoldText(text, null, text, List.of(), Map.of());
        }
        List<Long> lines = new ArrayList<>(new LinkedHashSet<>(training.stream().map(LeadRow::line).toList()));
        Collections.shuffle(lines, new Random(seed));
        Map<Long, Integer> foldByLine = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            foldByLine.put(lines.get(i), i % folds);
        }
        List<LeadRecord> records = training.stream().map(LeadRow::record).toList();
        double prior = training.stream().filter(LeadRow::converted).count() / (double) training.size();
        IdRates all = IdRates.fit(columns, records, records, LeadRow.labels(training), prior, smoothing);
        List<LeadText> foldTexts = new ArrayList<>(folds);
        for (int f = 0; f < folds; f++) {
            List<LeadRow> others = new ArrayList<>();
            for (LeadRow row : training) {
                if (foldByLine.get(row.line()) != f) {
                    others.add(row);
                }
            }
            IdRates outOfFold = IdRates.fit(columns, records, others.stream().map(LeadRow::record).toList(),
                    LeadRow.labels(others), prior, smoothing);
            foldTexts.add(text.withIdRates(outOfFold));
        }
        return new OutOfFoldText(text, all, text.withIdRates(all), foldTexts, foldByLine);
    }

    /** The text of a training row (out-of-fold rates); a row of another split gets {@link #heldOut}. */
    String training(LeadRow row) {
        Integer fold = foldByLine.get(row.line());
        return fold == null ? heldOut(row) : foldTexts.get(fold).text(row.record());
    }

    /** The text of a row outside the training split: what the bundle's scorer will write for it. */
    String heldOut(LeadRow row) {
        return allText.text(row.record());
    }

    /** The table of all training rows, for the bundle; empty without id rate columns. */
    Optional<IdRates> rates() {
        return Optional.ofNullable(all);
    }

    LeadText plain() {
        return plain;
    }

}
