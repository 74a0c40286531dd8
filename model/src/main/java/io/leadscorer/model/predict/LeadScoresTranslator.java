package io.leadscorer.model.predict;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import io.leadscorer.model.network.BatchInputs;
import io.leadscorer.model.tokenizer.LeadTokenizer;
import java.util.List;

/**
 * DJL's bridge between lead texts and the network for one whole batch: tokenize and pad to the batch's longest
 * lead on the way in, sigmoid of the logits on the way out. The batch is already a batch, so DJL must not
 * batchify it again.
 */
final class LeadScoresTranslator implements NoBatchifyTranslator<List<String>, float[]> {

    private final LeadTokenizer tokenizer;

    LeadScoresTranslator(LeadTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, List<String> texts) {
        return BatchInputs.of(ctx.getNDManager(), tokenizer.encode(texts));
    }

    @Override
    public float[] processOutput(TranslatorContext ctx, NDList logits) {
        return Activation.sigmoid(logits.singletonOrThrow()).toFloatArray();
    }
}
