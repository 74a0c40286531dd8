package io.leadscorer.model.predict;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import io.leadscorer.model.network.BatchInputs;
import io.leadscorer.model.tokenizer.Encoded;
import java.util.Arrays;
import java.util.List;

/**
 * DJL's bridge between tokenized leads and the network for one chunk of a batch: padded to the chunk's fixed shape
 * on the way in, sigmoid of the logits of the real rows (not the padding rows) on the way out. The chunk is already
 * a batch, so DJL must not batchify it again.
 */
final class LeadScoresTranslator implements NoBatchifyTranslator<LeadScoresTranslator.Chunk, float[]> {

    /** Leads to score in one forward pass, padded to [rows, tokens]. */
    record Chunk(List<Encoded> leads, int rows, int tokens) {
    }

    @Override
    public NDList processInput(TranslatorContext ctx, Chunk chunk) {
        ctx.setAttachment("leads", chunk.leads().size());
        return BatchInputs.padded(ctx.getNDManager(), chunk.leads(), chunk.rows(), chunk.tokens());
    }

    @Override
    public float[] processOutput(TranslatorContext ctx, NDList logits) {
        float[] all = Activation.sigmoid(logits.singletonOrThrow()).toFloatArray();
        return Arrays.copyOf(all, (Integer) ctx.getAttachment("leads"));
    }
}
