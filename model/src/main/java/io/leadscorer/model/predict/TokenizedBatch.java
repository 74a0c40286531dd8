package io.leadscorer.model.predict;

import io.leadscorer.model.text.LeadRecord;
import io.leadscorer.model.tokenizer.Encoded;
import java.util.List;

/**
 * A batch of leads made ready for the forward pass by {@link LeadPredictor#tokenize}: lead text built and tokenized,
 * no native memory held. It is the seam between the two halves of scoring, so that a caller can prepare the next
 * batch on one thread while the current one runs its forward pass on another. Only the predictor that made it may
 * score it (its token ids belong to that predictor's tokenizer).
 */
public final class TokenizedBatch {

    private final LeadPredictor owner;
    private final List<Encoded> leads;
    private final double[] shifts;
    private final List<LeadRecord> records;

    /**
     * {@code shifts}: each lead's value effects on its log-odds ({@link io.leadscorer.model.effects.ValueEffects});
     * {@code records}: the leads themselves, for their reasons, or empty when only their texts are known.
     */
    TokenizedBatch(LeadPredictor owner, List<Encoded> leads, double[] shifts, List<LeadRecord> records) {
        if (shifts.length != leads.size()) {
            throw new IllegalArgumentException(shifts.length + " shifts for " + leads.size() + " leads");
        }
        if (!records.isEmpty() && records.size() != leads.size()) {
            throw new IllegalArgumentException(records.size() + " lead records for " + leads.size() + " leads");
        }
        this.owner = owner;
        this.leads = List.copyOf(leads);
        this.shifts = shifts.clone();
        this.records = List.copyOf(records);
    }

    LeadPredictor owner() {
        return owner;
    }

    List<Encoded> leads() {
        return leads;
    }

    /** Each lead's value effects on its log-odds, in order. */
    public double[] shifts() {
        return shifts.clone();
    }

    /** The leads, or empty when the batch was made from texts. */
    List<LeadRecord> records() {
        return records;
    }

    public int size() {
        return leads.size();
    }
}
