package io.leadscorer.model.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A block of the encoder that maps hidden states [B, T, H] plus the attention key bias to new hidden states of the
 * same shape (self-attention, a whole layer): DJL's forward, child initialisation and output shape written once.
 */
abstract class EncoderBlock extends AbstractBlock implements HfNamed {

    EncoderBlock(byte version) {
        super(version);
    }

    abstract NDArray apply(ParameterStore ps, NDArray hidden, NDArray keyBias, boolean training);

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(apply(ps, inputs.get(0), inputs.get(1), training));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (var child : getChildren().values()) {
            child.initialize(manager, dataType, inputShapes);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
