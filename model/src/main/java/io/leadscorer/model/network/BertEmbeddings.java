package io.leadscorer.model.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Map;

/**
 * Token ids to vectors: word + absolute position + token type (always type 0: a lead is one segment),
 * LayerNorm, dropout. Maps onto Hugging Face's {@code bert.embeddings.*}.
 */
final class BertEmbeddings extends AbstractBlock implements HfNamed {

    private final int hiddenSize;
    private final int maxPositions;
    private final Parameter words;
    private final Parameter positions;
    private final Parameter tokenTypes;
    private final Norm norm;
    private final TrainingDropout dropout;

    BertEmbeddings(BertConfig config) {
        super((byte) 1);
        hiddenSize = config.hiddenSize();
        maxPositions = config.maxPositionEmbeddings();
        words = addParameter(BertInit.weight("word_embeddings", new Shape(config.vocabSize(), hiddenSize)));
        positions = addParameter(
                BertInit.weight("position_embeddings", new Shape(config.maxPositionEmbeddings(), hiddenSize)));
        tokenTypes = addParameter(BertInit.weight("token_type_embeddings", new Shape(config.typeVocabSize(), hiddenSize)));
        norm = addChildBlock("LayerNorm", new Norm(hiddenSize, config.layerNormEps()));
        dropout = new TrainingDropout(config.hiddenDropoutProb());
    }

    /** ids [B, T] int64 to embeddings [B, T, H]. */
    NDArray apply(ParameterStore ps, NDArray ids, boolean training) {
        long tokens = ids.getShape().get(1);
        if (tokens > maxPositions) {
            throw new IllegalArgumentException(
                    tokens + " tokens exceed max_position_embeddings " + maxPositions + " of this network");
        }
        // Every lookup is indexed by an array of the caller's manager, so that its result (and native memory)
        // belongs to the caller's scope, not to the parameters' manager.
        NDArray positionIds = ids.getManager().arange(0f, tokens, 1f, DataType.INT64);
        NDArray word = lookup(ps, words, ids, training);
        NDArray position = lookup(ps, positions, positionIds, training);
        NDArray tokenType = lookup(ps, tokenTypes, ids.zerosLike(), training);
        NDArray sum = word.add(position).add(tokenType);
        return dropout.apply(norm.apply(ps, sum, training), training);
    }

    private static NDArray lookup(ParameterStore ps, Parameter table, NDArray indices, boolean training) {
        NDArray weight = ps.getValue(table, indices.getDevice(), training);
        return Embedding.embedding(indices, weight, SparseFormat.DENSE).singletonOrThrow();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(apply(ps, inputs.head(), training));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        norm.initialize(manager, dataType, inputShapes);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0].add(hiddenSize)};
    }

    @Override
    public void addParameters(String prefix, Map<String, Parameter> into) {
        into.put(prefix + ".word_embeddings.weight", words);
        into.put(prefix + ".position_embeddings.weight", positions);
        into.put(prefix + ".token_type_embeddings.weight", tokenTypes);
        norm.addParameters(prefix + ".LayerNorm", into);
    }
}
