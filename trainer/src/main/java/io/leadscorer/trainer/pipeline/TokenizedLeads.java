package io.leadscorer.trainer.pipeline;

import io.leadscorer.trainer.train.EncodedLeads;

/**
 * The splits as token ids for the network, with what training needs to know of the tokenizer that wrote them (its
 * vocabulary size and mask token) and how long the validation leads were before truncation.
 */
record TokenizedLeads(EncodedLeads training, EncodedLeads validation, EncodedLeads positiveStage,
                      TokenLengths lengths, int vocabSize, long maskId) {}
