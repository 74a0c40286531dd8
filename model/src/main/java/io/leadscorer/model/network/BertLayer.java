package io.leadscorer.model.network;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.Map;

/**
 * One transformer encoder layer (post-LayerNorm, as in BERT): self-attention, then a GELU feed-forward with
 * dropout, residual and LayerNorm. Hugging Face's {@code bert.encoder.layer.{i}.*}.
 */
final class BertLayer extends EncoderBlock {

    private final BertAttention attention;
    private final Dense intermediate;
    private final Dense output;
    private final Norm norm;
    private final TrainingDropout dropout;

    BertLayer(BertConfig config) {
        super((byte) 1);
        attention = addChildBlock("attention", new BertAttention(config));
        intermediate = addChildBlock("intermediate", new Dense(config.hiddenSize(), config.intermediateSize()));
        output = addChildBlock("output", new Dense(config.intermediateSize(), config.hiddenSize()));
        norm = addChildBlock("LayerNorm", new Norm(config.hiddenSize(), config.layerNormEps()));
        dropout = new TrainingDropout(config.hiddenDropoutProb());
    }

    @Override
    NDArray apply(ParameterStore ps, NDArray x, NDArray keyBias, boolean training) {
        NDArray attended = attention.apply(ps, x, keyBias, training);
        NDArray expanded = Activation.gelu(intermediate.apply(ps, attended, training));
        NDArray projected = dropout.apply(output.apply(ps, expanded, training), training);
        return norm.apply(ps, projected.add(attended), training);
    }

    @Override
    public void addParameters(String prefix, Map<String, Parameter> into) {
        attention.addParameters(prefix + ".attention", into);
        intermediate.addParameters(prefix + ".intermediate.dense", into);
        output.addParameters(prefix + ".output.dense", into);
        norm.addParameters(prefix + ".output.LayerNorm", into);
    }
}
