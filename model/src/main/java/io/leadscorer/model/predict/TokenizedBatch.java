package io.leadscorer.model.predict;

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

    TokenizedBatch(LeadPredictor owner, List<Encoded> leads) {
        this.owner = owner;
        this.leads = List.copyOf(leads);
    }

    LeadPredictor owner() {
        return owner;
    }

    List<Encoded> leads() {
        return leads;
    }

    public int size() {
        return leads.size();
    }
}
