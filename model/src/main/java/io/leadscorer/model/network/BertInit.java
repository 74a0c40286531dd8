package io.leadscorer.model.network;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.NormalInitializer;

/**
 * Hugging Face's BERT initialisation (weights and embeddings from N(0, 0.02), biases 0, LayerNorm scale 1),
 * so a network trained from scratch starts where {@code BertForSequenceClassification} would.
 */
final class BertInit {

    static final float INITIALIZER_RANGE = 0.02f;

    private BertInit() {}

    static Parameter weight(Shape shape) {
        return weight("weight", shape);
    }

    static Parameter weight(String name, Shape shape) {
        return parameter(name, Parameter.Type.WEIGHT, shape, new NormalInitializer(INITIALIZER_RANGE));
    }

    static Parameter bias(long size) {
        return parameter("bias", Parameter.Type.BIAS, new Shape(size), Initializer.ZEROS);
    }

    static Parameter scale(long size) {
        return parameter("weight", Parameter.Type.GAMMA, new Shape(size), Initializer.ONES);
    }

    static Parameter shift(long size) {
        return parameter("bias", Parameter.Type.BETA, new Shape(size), Initializer.ZEROS);
    }

    private static Parameter parameter(String name, Parameter.Type type, Shape shape, Initializer initializer) {
        return Parameter.builder().setName(name).setType(type).optShape(shape).optInitializer(initializer).build();
    }
}
