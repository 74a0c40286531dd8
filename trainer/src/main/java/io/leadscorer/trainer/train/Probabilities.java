package io.leadscorer.trainer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import io.leadscorer.model.network.BatchInputs;
import io.leadscorer.model.network.BertClassifier;
import io.leadscorer.model.tokenizer.Encoded;

import java.util.Arrays;
import java.util.List;

/**
 * Conversion probabilities of the network under training (no dropout), batch by batch, for validation: of the network
 * alone, or of its logit plus the leads' fixed offsets, as it is trained.
 */
final class Probabilities {
    private Probabilities() {}

    static float[] of(BertClassifier network, NDManager manager, List<Encoded> leads, int batchSize) {
        return of(network, manager, leads, null, batchSize);
    }

    static float[] withOffsets(BertClassifier network, NDManager manager, EncodedLeads leads, int batchSize) {
        return of(network, manager, leads.encoded(), leads.offsets(), batchSize);
    }

    private static float[] of(BertClassifier network, NDManager manager, List<Encoded> leads, float[] offsets,
                              int batchSize) {
        float[] result = new float[leads.size()];
        ParameterStore store = new ParameterStore(manager, false);
        for (int start = 0; start < leads.size(); start += batchSize) {
            int end = Math.min(leads.size(), start + batchSize);
            try (NDManager batch = manager.newSubManager()) {
                NDList inputs = BatchInputs.of(batch, leads.subList(start, end));
                NDArray logits = network.forward(store, inputs, false).singletonOrThrow();
                if (offsets != null) {
                    logits = logits.add(batch.create(Arrays.copyOfRange(offsets, start, end)));
                }
                float[] probabilities = Activation.sigmoid(logits).toFloatArray();
                System.arraycopy(probabilities, 0, result, start, probabilities.length);
            }
        }
        return result;
    }
}
