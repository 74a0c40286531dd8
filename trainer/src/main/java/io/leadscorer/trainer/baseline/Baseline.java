package io.leadscorer.trainer.baseline;

import io.leadscorer.trainer.data.LeadRow;

import java.util.List;

/** A conventional model trained on the same split as the transformer, scoring leads with probabilities. */
interface Baseline {
    String name();

    /** Trains on {@code training}; {@code validation} may be used for early stopping, never for fitting. */
    void fit(List<LeadRow> training, List<LeadRow> validation);

    double[] probabilities(List<LeadRow> rows);
}
