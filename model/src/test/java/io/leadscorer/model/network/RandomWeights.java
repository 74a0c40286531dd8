package io.leadscorer.model.network;

import ai.djl.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/** Seeded values for every parameter of a network, so tests can set them and compute with them independently. */
final class RandomWeights {

    private RandomWeights() {}

    static Map<String, float[]> forNetwork(BertClassifier net, long seed) {
        Random random = new Random(seed);
        Map<String, float[]> values = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : net.parametersByHfName().entrySet()) {
            float[] v = new float[Math.toIntExact(e.getValue().getShape().size())];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (random.nextGaussian() * 0.5);
            }
            values.put(e.getKey(), v);
        }
        return values;
    }

    static void assign(BertClassifier net, Map<String, float[]> values) {
        net.parametersByHfName().forEach((name, parameter) -> parameter.getArray().set(values.get(name)));
    }
}
