package io.leadscorer.trainer.pipeline;

import io.leadscorer.model.text.TextSpec;
import io.leadscorer.trainer.data.LeadRow;
import io.leadscorer.trainer.data.LeadTable;
import io.leadscorer.trainer.data.StratifiedSplit;
import io.leadscorer.trainer.prune.Pruning;

import java.util.List;

/**
 * The leads as the network will see them, before any token exists: the file as read and its SHA-256, its split, the
 * augmented training rows, the rows of the positive stage, the pruned columns, the text spec the bundle will carry and
 * the out-of-fold text of each row.
 */
record PreparedLeads(LeadTable table, String dataSha256, StratifiedSplit.Parts parts, List<LeadRow> augmented,
                     List<LeadRow> positiveStage, Pruning pruning, TextSpec spec, OutOfFoldText text) {

    /** The share of converted leads among the rows used. */
    double positiveRate() {
        return (double) table.positives() / table.rows().size();
    }

    /** Tokens per lead, [CLS] and [SEP] included. */
    int maxTokens() {
        return spec.maxTokens();
    }
}
