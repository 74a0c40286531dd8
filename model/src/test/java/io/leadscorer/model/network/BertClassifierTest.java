package io.leadscorer.model.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BertClassifierTest {

    /** hidden 4, 1 layer, 2 heads, intermediate 8, vocab 12, 8 positions. */
    static final BertConfig TINY = new BertConfig(12, 4, 1, 2, 8, 8, 2, 0.1, 0.1, 1e-12, "gelu");

    @Test
    void parametersHaveHuggingFaceNamesAndLayouts() {
        BertClassifier net = new BertClassifier(TINY.withVocabSize(30));
        Map<String, Parameter> params = net.parametersByHfName();
        String l = "bert.encoder.layer.0.";
        assertThat(params.keySet()).containsExactly(
                "bert.embeddings.word_embeddings.weight",
                "bert.embeddings.position_embeddings.weight",
                "bert.embeddings.token_type_embeddings.weight",
                "bert.embeddings.LayerNorm.weight", "bert.embeddings.LayerNorm.bias",
                l + "attention.self.query.weight", l + "attention.self.query.bias",
                l + "attention.self.key.weight", l + "attention.self.key.bias",
                l + "attention.self.value.weight", l + "attention.self.value.bias",
                l + "attention.output.dense.weight", l + "attention.output.dense.bias",
                l + "attention.output.LayerNorm.weight", l + "attention.output.LayerNorm.bias",
                l + "intermediate.dense.weight", l + "intermediate.dense.bias",
                l + "output.dense.weight", l + "output.dense.bias",
                l + "output.LayerNorm.weight", l + "output.LayerNorm.bias",
                "bert.pooler.dense.weight", "bert.pooler.dense.bias",
                "classifier.weight", "classifier.bias");
        assertThat(params.get("bert.embeddings.word_embeddings.weight").getShape()).isEqualTo(new Shape(30, 4));
        assertThat(params.get("bert.embeddings.position_embeddings.weight").getShape()).isEqualTo(new Shape(8, 4));
        assertThat(params.get("bert.embeddings.token_type_embeddings.weight").getShape()).isEqualTo(new Shape(2, 4));
        assertThat(params.get(l + "intermediate.dense.weight").getShape()).isEqualTo(new Shape(8, 4));
        assertThat(params.get(l + "output.dense.weight").getShape()).isEqualTo(new Shape(4, 8));
        assertThat(params.get("classifier.weight").getShape()).isEqualTo(new Shape(1, 4));
        assertThat(params.get("classifier.bias").getShape()).isEqualTo(new Shape(1));
    }

    @Test
    void everyLayerIsNamed() {
        BertClassifier net = new BertClassifier(BertConfig.compact(100));
        assertThat(net.parametersByHfName()).hasSize(5 + 16 * 2 + 2 + 2)
                .containsKey("bert.encoder.layer.1.output.LayerNorm.bias");
        assertThat(net.getParameters().size()).isEqualTo(net.parametersByHfName().size());
    }

    @Test
    void forwardMatchesAPlainJavaBert() {
        BertConfig twoLayers = new BertConfig(12, 4, 2, 2, 8, 8, 2, 0.1, 0.1, 1e-12, "gelu");
        try (NDManager manager = NDManager.newBaseManager()) {
            BertClassifier net = new BertClassifier(twoLayers);
            net.initialize(manager);
            Map<String, float[]> weights = RandomWeights.forNetwork(net, 7);
            RandomWeights.assign(net, weights);
            long[][] ids = {{2, 5, 7, 9, 3}, {2, 4, 11, 3, 0}, {2, 6, 3, 0, 0}};
            long[][] mask = {{1, 1, 1, 1, 1}, {1, 1, 1, 1, 0}, {1, 1, 1, 0, 0}};

            float[] logits = forward(manager, net, ids, mask);

            ReferenceBert reference = new ReferenceBert(twoLayers, weights);
            assertThat(logits).hasSize(3);
            for (int row = 0; row < 3; row++) {
                double expected = reference.logit(ids[row], mask[row]);
                assertThat((double) logits[row]).as("row %d", row).isCloseTo(expected, within(1e-5));
            }
            assertThat(logits[0]).isNotCloseTo(logits[1], within(1e-3f));
        }
    }

    @Test
    void paddingDoesNotChangeARowsLogit() {
        try (NDManager manager = NDManager.newBaseManager()) {
            BertClassifier net = new BertClassifier(TINY);
            net.initialize(manager);
            RandomWeights.assign(net, RandomWeights.forNetwork(net, 3));
            float alone = forward(manager, net, new long[][] {{2, 6, 3}}, new long[][] {{1, 1, 1}})[0];
            float padded = forward(manager, net, new long[][] {{2, 6, 3, 0, 0, 0}, {2, 5, 7, 9, 10, 3}},
                    new long[][] {{1, 1, 1, 0, 0, 0}, {1, 1, 1, 1, 1, 1}})[0];
            assertThat(padded).isCloseTo(alone, within(1e-5f));
        }
    }

    @Test
    void gradientsReachEveryParameter() {
        try (NDManager manager = NDManager.newBaseManager()) {
            BertClassifier net = new BertClassifier(TINY);
            net.initialize(manager);
            NDList inputs = inputs(manager, new long[][] {{2, 5, 7, 3}, {2, 4, 3, 0}},
                    new long[][] {{1, 1, 1, 1}, {1, 1, 1, 0}});
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray logits = net.forward(new ParameterStore(manager, false), inputs, true).singletonOrThrow();
                NDArray loss = logits.sub(manager.create(new float[] {1f, -1f})).square().sum();
                collector.backward(loss);
            }
            net.parametersByHfName().forEach((name, parameter) -> assertThat(
                    parameter.getArray().getGradient().abs().sum().getFloat())
                    .as("gradient of %s", name).isGreaterThan(0f));
        }
    }

    /**
     * The backward pass must not read memory the garbage collector may free: an operand that autograd saves for
     * the backward pass has to live in native memory, not in a Java buffer whose array was already closed (DJL's
     * {@code mul(Number)} wraps the number in such a buffer). A collection between forward and backward then
     * changed the gradients, which made training depend on when the collector ran.
     */
    @Test
    void gradientsDoNotDependOnWhenTheGarbageCollectorRuns() throws InterruptedException {
        BertConfig noDropout = new BertConfig(12, 4, 1, 2, 8, 8, 2, 0, 0, 1e-12, "gelu");
        try (NDManager manager = NDManager.newBaseManager()) {
            BertClassifier net = new BertClassifier(noDropout);
            net.initialize(manager);
            RandomWeights.assign(net, RandomWeights.forNetwork(net, 7));
            Map<String, float[]> quiet = gradients(manager, net, false);
            Map<String, float[]> collected = gradients(manager, net, true);
            quiet.forEach((name, gradient) -> assertThat(collected.get(name)).as("gradient of %s", name)
                    .containsExactly(gradient));
        }
    }

    private static Map<String, float[]> gradients(NDManager manager, BertClassifier net, boolean collectBeforeBackward)
            throws InterruptedException {
        Map<String, float[]> gradients = new java.util.LinkedHashMap<>();
        try (NDManager step = manager.newSubManager()) {
            NDList inputs = inputs(step, new long[][] {{2, 5, 7, 3}, {2, 4, 3, 0}}, new long[][] {{1, 1, 1, 1}, {1, 1, 1, 0}});
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray logits = net.forward(new ParameterStore(step, false), inputs, true).singletonOrThrow();
                NDArray loss = logits.sub(step.create(new float[] {1f, -1f})).square().sum();
                if (collectBeforeBackward) {
                    for (int i = 0; i < 3; i++) {
                        System.gc();
                        Thread.sleep(20); // the reference handler frees collected direct buffers on its own thread
                    }
                }
                collector.backward(loss);
            }
            net.parametersByHfName().forEach((name, parameter) -> {
                try (NDArray gradient = parameter.getArray().getGradient()) {
                    gradients.put(name, gradient.toFloatArray());
                    gradient.subi(gradient);
                }
            });
        }
        return gradients;
    }

    @Test
    void dropoutOnlyWhileTraining() {
        BertConfig leaky = new BertConfig(12, 4, 1, 2, 8, 8, 2, 0.5, 0.5, 1e-12, "gelu");
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(11);
            BertClassifier net = new BertClassifier(leaky);
            net.initialize(manager);
            RandomWeights.assign(net, RandomWeights.forNetwork(net, 5));
            long[][] ids = {{2, 5, 7, 9, 3}, {2, 4, 11, 3, 6}};
            long[][] mask = {{1, 1, 1, 1, 1}, {1, 1, 1, 1, 1}};
            float[] inference = forward(manager, net, ids, mask);
            assertThat(forward(manager, net, ids, mask)).containsExactly(inference);
            float[] training = net.forward(new ParameterStore(manager, false), inputs(manager, ids, mask), true)
                    .singletonOrThrow().toFloatArray();
            assertThat(training).isNotEqualTo(inference);
        }
    }

    @Test
    void rejectsMoreTokensThanPositions() {
        try (NDManager manager = NDManager.newBaseManager()) {
            BertClassifier net = new BertClassifier(TINY);
            net.initialize(manager);
            long[][] nine = {{2, 4, 4, 4, 4, 4, 4, 4, 3}};
            assertThatThrownBy(() -> forward(manager, net, nine, new long[][] {{1, 1, 1, 1, 1, 1, 1, 1, 1}}))
                    .hasMessageContaining("9 tokens exceed max_position_embeddings 8");
        }
    }

    static float[] forward(NDManager manager, BertClassifier net, long[][] ids, long[][] mask) {
        NDList out = net.forward(new ParameterStore(manager, false), inputs(manager, ids, mask), false);
        assertThat(out.singletonOrThrow().getShape()).isEqualTo(new Shape(ids.length));
        return out.singletonOrThrow().toFloatArray();
    }

    static NDList inputs(NDManager manager, long[][] ids, long[][] mask) {
        return new NDList(manager.create(ids), manager.create(mask));
    }

    static List<String> names(BertClassifier net) {
        return List.copyOf(net.parametersByHfName().keySet());
    }
}
