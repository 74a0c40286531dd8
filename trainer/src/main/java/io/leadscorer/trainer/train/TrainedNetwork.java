package io.leadscorer.trainer.train;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.leadscorer.model.network.BertClassifier;

/** Read-only views of a network under training: its size and its probabilities on a set of leads. */
public final class TrainedNetwork {
    private TrainedNetwork() {}

    public static long parameterCount(BertClassifier network) {
        return network.parametersByHfName().values().stream().map(Parameter::getArray).mapToLong(a -> a.size()).sum();
    }

    public static float[] probabilities(BertClassifier network, NDManager manager, EncodedLeads leads, int batchSize) {
        return Probabilities.of(network, manager, leads.encoded(), batchSize);
    }
}
