package io.leadscorer.trainer.augment;

import io.leadscorer.trainer.data.LeadRow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The seed's "easy data augmentation" against the 1:10 imbalance: every converted row of the training split
 * is copied {@code copies} times, and in each copy every present cell becomes missing with probability
 * {@code missingRate}. Missingness carries signal in this data, so the copies stay plausible leads.
 * Zero copies disables it; validation and test data are never augmented.
 */
public final class MissingCellAugmenter {
    private final int copies;
    private final double missingRate;

    public MissingCellAugmenter(int copies, double missingRate) {
        if (copies < 0) {
            throw new IllegalArgumentException("copies must be >= 0, was " + copies);
        }
        if (!(missingRate >= 0 && missingRate <= 1)) {
            throw new IllegalArgumentException("missing rate must be in [0, 1], was " + missingRate);
        }
        this.copies = copies;
        this.missingRate = missingRate;
    }

    /** The original rows followed by the augmented copies, in a reproducible order for a given random source. */
    public List<LeadRow> augment(List<LeadRow> training, Random random) {
        List<LeadRow> result = new ArrayList<>(training);
        for (LeadRow row : training) {
            if (!row.converted()) {
                continue;
            }
            for (int copy = 0; copy < copies; copy++) {
                result.add(row.withCells(dropCells(row.cells(), random)));
            }
        }
        return result;
    }

    private Map<String, String> dropCells(Map<String, String> cells, Random random) {
        Map<String, String> kept = new HashMap<>();
        cells.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(cell -> {
                    if (random.nextDouble() >= missingRate) {
                        kept.put(cell.getKey(), cell.getValue());
                    }
                });
        return kept;
    }
}
