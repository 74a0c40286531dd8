package io.leadscorer.model.network;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Map;

/**
 * A fully connected layer whose weight is stored [out, in] like PyTorch's {@code nn.Linear}, with its shape
 * fixed at construction so that checkpoint shapes can be checked before the first forward pass.
 */
final class Dense extends AbstractBlock implements HfNamed {

    private final int outputs;
    private final Parameter weight;
    private final Parameter bias;

    Dense(int inputs, int outputs) {
        super((byte) 1);
        this.outputs = outputs;
        this.weight = addParameter(BertInit.weight(new Shape(outputs, inputs)));
        this.bias = addParameter(BertInit.bias(outputs));
    }

    NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        Device device = x.getDevice();
        return Linear.linear(x, ps.getValue(weight, device, training), ps.getValue(bias, device, training))
                .singletonOrThrow();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(apply(ps, inputs.singletonOrThrow(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {in.slice(0, in.dimension() - 1).add(outputs)};
    }

    @Override
    public void addParameters(String prefix, Map<String, Parameter> into) {
        into.put(prefix + ".weight", weight);
        into.put(prefix + ".bias", bias);
    }
}
