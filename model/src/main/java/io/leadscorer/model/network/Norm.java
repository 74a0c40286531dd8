package io.leadscorer.model.network;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Map;

/** LayerNorm over the hidden dimension, with Hugging Face's parameter names (weight, bias). */
final class Norm extends AbstractBlock implements HfNamed {

    private final Shape normalized;
    private final float epsilon;
    private final Parameter weight;
    private final Parameter bias;

    Norm(int size, double epsilon) {
        super((byte) 1);
        this.normalized = new Shape(size);
        this.epsilon = (float) epsilon;
        this.weight = addParameter(BertInit.scale(size));
        this.bias = addParameter(BertInit.shift(size));
    }

    NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        Device device = x.getDevice();
        return LayerNorm.layerNorm(x, normalized, ps.getValue(weight, device, training),
                ps.getValue(bias, device, training), epsilon).singletonOrThrow();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(apply(ps, inputs.singletonOrThrow(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    public void addParameters(String prefix, Map<String, Parameter> into) {
        into.put(prefix + ".weight", weight);
        into.put(prefix + ".bias", bias);
    }
}
