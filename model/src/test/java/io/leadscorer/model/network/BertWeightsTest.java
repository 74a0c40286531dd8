package io.leadscorer.model.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BertWeightsTest {

    static final BertConfig TINY = BertClassifierTest.TINY;

    @TempDir
    Path dir;

    /**
     * A checkpoint laid out like Hugging Face's {@code BertModel} (no "bert." prefix, the legacy LayerNorm
     * gamma/beta spelling of the published bert-base checkpoints, a position_ids buffer) plus an MLM head.
     */
    @Test
    void loadsABertModelCheckpointExactly() {
        Path checkpoint = dir.resolve("model.safetensors");
        Map<String, float[]> values;
        try (NDManager manager = NDManager.newBaseManager()) {
            BertClassifier source = new BertClassifier(TINY);
            values = RandomWeights.forNetwork(source, 21);
            Map<String, NDArray> stored = new LinkedHashMap<>();
            source.parametersByHfName().forEach((name, parameter) -> {
                if (!name.startsWith("classifier.")) {
                    String bertModelName = name.substring("bert.".length())
                            .replace("LayerNorm.weight", "LayerNorm.gamma").replace("LayerNorm.bias", "LayerNorm.beta");
                    stored.put(bertModelName, manager.create(values.get(name), parameter.getShape()));
                }
            });
            stored.put("embeddings.position_ids", manager.arange(0, 8, 1, ai.djl.ndarray.types.DataType.INT64)
                    .reshape(1, 8));
            stored.put("cls.predictions.bias", manager.zeros(new Shape(TINY.vocabSize())));
            stored.put("cls.predictions.transform.dense.weight", manager.ones(new Shape(4, 4)));
            SafeTensors.write(checkpoint, stored);
            assertThat(stored).containsKeys("embeddings.LayerNorm.gamma", "encoder.layer.0.output.LayerNorm.beta",
                    "pooler.dense.weight");
        }

        try (NDManager manager = NDManager.newBaseManager()) {
            BertClassifier net = new BertClassifier(TINY);
            net.initialize(manager);
            float[] classifierBefore = net.parametersByHfName().get("classifier.weight").getArray().toFloatArray();

            BertWeights.load(net, checkpoint);

            net.parametersByHfName().forEach((name, parameter) -> {
                if (!name.startsWith("classifier.")) {
                    assertThat(parameter.getArray().toFloatArray()).as(name).containsExactly(values.get(name));
                }
            });
            assertThat(net.parametersByHfName().get("classifier.weight").getArray().toFloatArray())
                    .containsExactly(classifierBefore);

            Map<String, float[]> actual = new LinkedHashMap<>(values);
            actual.put("classifier.weight", classifierBefore);
            actual.put("classifier.bias", new float[] {0f});
            long[][] ids = {{2, 5, 7, 3}};
            long[][] mask = {{1, 1, 1, 1}};
            float logit = BertClassifierTest.forward(manager, net, ids, mask)[0];
            assertThat((double) logit).isCloseTo(new ReferenceBert(TINY, actual).logit(ids[0], mask[0]), within(1e-5));
        }
    }

    @Test
    void savesSequenceClassificationNamesAndReadsThemBack() {
        Path file = dir.resolve("model.safetensors");
        try (NDManager manager = NDManager.newBaseManager()) {
            BertClassifier net = new BertClassifier(TINY);
            net.initialize(manager);
            Map<String, float[]> values = RandomWeights.forNetwork(net, 4);
            RandomWeights.assign(net, values);
            BertWeights.save(net, file);
            assertThat(SafeTensors.entries(file).keySet())
                    .containsExactlyInAnyOrderElementsOf(net.parametersByHfName().keySet());

            BertClassifier copy = new BertClassifier(TINY);
            copy.initialize(manager);
            BertWeights.load(copy, file);
            copy.parametersByHfName().forEach((name, parameter) ->
                    assertThat(parameter.getArray().toFloatArray()).as(name).containsExactly(values.get(name)));
        }
    }

    @Test
    void loadedParametersStillTrain() {
        Path file = dir.resolve("model.safetensors");
        try (NDManager manager = NDManager.newBaseManager()) {
            BertClassifier source = new BertClassifier(TINY);
            source.initialize(manager);
            BertWeights.save(source, file);
            BertClassifier net = new BertClassifier(TINY);
            net.initialize(manager);
            BertWeights.load(net, file);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray logits = net.forward(new ParameterStore(manager, false),
                        BertClassifierTest.inputs(manager, new long[][] {{2, 5, 3}}, new long[][] {{1, 1, 1}}), true)
                        .singletonOrThrow();
                collector.backward(logits.sum());
            }
            assertThat(net.parametersByHfName().get("bert.embeddings.word_embeddings.weight").getArray().getGradient()
                    .abs().sum().getFloat()).isGreaterThan(0f);
        }
    }

    @Test
    void failsClearlyOnAShapeMismatch() {
        Path file = dir.resolve("model.safetensors");
        try (NDManager manager = NDManager.newBaseManager()) {
            BertClassifier small = new BertClassifier(TINY);
            small.initialize(manager);
            BertWeights.save(small, file);
            BertClassifier otherVocab = new BertClassifier(TINY.withVocabSize(40));
            otherVocab.initialize(manager);
            assertThatThrownBy(() -> BertWeights.load(otherVocab, file))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'bert.embeddings.word_embeddings.weight' has shape (12, 4)")
                    .hasMessageContaining("is (40, 4)");
        }
    }

    @Test
    void failsWhenTheEncoderIsIncomplete() {
        Path file = dir.resolve("model.safetensors");
        try (NDManager manager = NDManager.newBaseManager()) {
            BertClassifier oneLayer = new BertClassifier(TINY);
            oneLayer.initialize(manager);
            BertWeights.save(oneLayer, file);
            BertClassifier twoLayers = new BertClassifier(
                    new BertConfig(12, 4, 2, 2, 8, 8, 2, 0.1, 0.1, 1e-12, "gelu"));
            twoLayers.initialize(manager);
            assertThatThrownBy(() -> BertWeights.load(twoLayers, file))
                    .hasMessageContaining("lacks 16 tensors of this 2-layer network")
                    .hasMessageContaining("bert.encoder.layer.1.attention.self.query.weight");
        }
    }

    @Test
    void mapsStoredNames() {
        var params = new BertClassifier(TINY).parametersByHfName();
        assertThat(BertWeights.hfName("embeddings.LayerNorm.gamma", params)).isEqualTo("bert.embeddings.LayerNorm.weight");
        assertThat(BertWeights.hfName("bert.encoder.layer.0.output.LayerNorm.beta", params))
                .isEqualTo("bert.encoder.layer.0.output.LayerNorm.bias");
        assertThat(BertWeights.hfName("classifier.weight", params)).isEqualTo("classifier.weight");
        assertThat(BertWeights.hfName("cls.predictions.bias", params)).isNull();
        assertThat(BertWeights.hfName("encoder.layer.5.output.dense.weight", params)).isNull();
    }
}
