package io.leadscorer.model.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lead classifier: a BERT encoder, the pooled [CLS] vector (dense + tanh), dropout and a linear head with
 * one logit. Built from DJL operators on whatever engine is loaded (PyTorch here), trainable with DJL's
 * {@code Trainer} / {@code GradientCollector}; every parameter has a Hugging Face
 * {@code BertForSequenceClassification} name ({@link #parametersByHfName()}) so that checkpoints load one to one.
 *
 * <p>Input: {@code NDList(ids [B, T] int64, attentionMask [B, T] int64)}, 1 for real tokens and 0 for padding.
 * Output: {@code NDList(logits [B] float32)}. Dropout is applied only when {@code training} is true.
 */
public final class BertClassifier extends AbstractBlock {

    /** Added to attention scores of padded keys, as Hugging Face does ({@code torch.finfo(float32).min}). */
    static final float MASKED = -Float.MAX_VALUE;

    private final BertConfig config;
    private final BertEmbeddings embeddings;
    private final List<BertLayer> layers = new ArrayList<>();
    private final Dense pooler;
    private final TrainingDropout dropout;
    private final Dense classifier;
    private final Map<String, Parameter> byHfName;

    public BertClassifier(BertConfig config) {
        super((byte) 1);
        this.config = config;
        embeddings = addChildBlock("embeddings", new BertEmbeddings(config));
        for (int i = 0; i < config.numHiddenLayers(); i++) {
            layers.add(addChildBlock("layer" + i, new BertLayer(config)));
        }
        pooler = addChildBlock("pooler", new Dense(config.hiddenSize(), config.hiddenSize()));
        dropout = new TrainingDropout(config.hiddenDropoutProb());
        classifier = addChildBlock("classifier", new Dense(config.hiddenSize(), 1));

        Map<String, Parameter> names = new LinkedHashMap<>();
        embeddings.addParameters("bert.embeddings", names);
        for (int i = 0; i < layers.size(); i++) {
            layers.get(i).addParameters("bert.encoder.layer." + i, names);
        }
        pooler.addParameters("bert.pooler.dense", names);
        classifier.addParameters("classifier", names);
        byHfName = Collections.unmodifiableMap(names);
    }

    public BertConfig config() {
        return config;
    }

    /** Every parameter under its Hugging Face {@code BertForSequenceClassification} name, in checkpoint order. */
    public Map<String, Parameter> parametersByHfName() {
        return byHfName;
    }

    /** The input shapes to {@link #initialize} with: ids and attention mask, both [batch, tokens]. */
    public static Shape[] inputShapes(long batch, long tokens) {
        return new Shape[] {new Shape(batch, tokens), new Shape(batch, tokens)};
    }

    /** Initialises every parameter (Hugging Face's initialisation) in float32 on the manager's device. */
    public void initialize(NDManager manager) {
        initialize(manager, DataType.FLOAT32, inputShapes(1, 1));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        if (inputs.size() != 2) {
            throw new IllegalArgumentException("expected NDList(ids, attentionMask), got " + inputs.size() + " arrays");
        }
        NDArray ids = inputs.get(0);
        NDArray mask = inputs.get(1);
        if (!ids.getShape().equals(mask.getShape()) || ids.getShape().dimension() != 2) {
            throw new IllegalArgumentException("ids " + ids.getShape() + " and attention mask " + mask.getShape()
                    + " must both be [batch, tokens]");
        }
        NDArray hidden = embeddings.apply(ps, ids, training);
        NDArray keyBias = keyBias(mask);
        for (BertLayer layer : layers) {
            hidden = layer.apply(ps, hidden, keyBias, training);
        }
        NDArray cls = hidden.get(new NDIndex(":, 0, :"));
        NDArray pooled = dropout.apply(pooler.apply(ps, cls, training).tanh(), training);
        NDArray logits = classifier.apply(ps, pooled, training);
        return new NDList(logits.reshape(ids.getShape().get(0)));
    }

    /** [B, T] mask of 1/0 to an additive [B, 1, 1, T] bias: 0 where attended, {@link #MASKED} on padding. */
    private static NDArray keyBias(NDArray mask) {
        Shape shape = mask.getShape();
        return mask.toType(DataType.FLOAT32, false).neg().add(1f).mul(MASKED)
                .reshape(shape.get(0), 1, 1, shape.get(1));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (var child : getChildren().values()) {
            child.initialize(manager, dataType, inputShapes);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0))};
    }
}
