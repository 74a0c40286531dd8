package io.leadscorer.trainer.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A seeded train/validation split that keeps the True:False ratio in both parts, so the validation F1 and
 * threshold are measured on the same class balance as the data.
 */
public final class StratifiedSplit {
    private final double validationFraction;
    private final long seed;

    public StratifiedSplit(double validationFraction, long seed) {
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in (0, 1), was " + validationFraction);
        }
        this.validationFraction = validationFraction;
        this.seed = seed;
    }

    /** The two parts. */
    public record Parts(List<LeadRow> training, List<LeadRow> validation) {
        public Parts {
            training = List.copyOf(training);
            validation = List.copyOf(validation);
        }
    }

    public Parts split(List<LeadRow> rows) {
        Random random = new Random(seed);
        List<LeadRow> training = new ArrayList<>();
        List<LeadRow> validation = new ArrayList<>();
        for (boolean label : new boolean[] {true, false}) {
            List<LeadRow> stratum = new ArrayList<>(rows.stream().filter(r -> r.converted() == label).toList());
            Collections.shuffle(stratum, random);
            int held = (int) Math.round(stratum.size() * validationFraction);
            validation.addAll(stratum.subList(0, held));
            training.addAll(stratum.subList(held, stratum.size()));
        }
        Collections.shuffle(training, random);
        Collections.shuffle(validation, random);
        return new Parts(training, validation);
    }
}
