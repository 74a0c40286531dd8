package io.leadscorer.trainer.sam;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The SAM step on a network of two parameters, a = [1, 2] and b = [-1], with the loss L = sum(w^3) / 3, whose
 * gradient is known by hand: g = w^2 elementwise. Every expected number below was worked out by hand from that.
 */
class SharpnessAwareStepTest {
    private static final float TOLERANCE = 2e-5f;
    private static final double RHO = 0.05;

    private NDManager manager;
    private Parameter a;
    private Parameter b;
    /** a and b as the loss saw them, one entry per call of the loss: [a0, a1, b0]. */
    private final List<float[]> lossSawWeights = new ArrayList<>();

    @BeforeEach
    void network() {
        manager = NDManager.newBaseManager(Device.cpu());
        a = Parameter.builder().setName("a").setType(Parameter.Type.WEIGHT).optArray(manager.create(new float[] {1, 2})).build();
        b = Parameter.builder().setName("b").setType(Parameter.Type.WEIGHT).optArray(manager.create(new float[] {-1})).build();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private Supplier<NDArray> loss() {
        return () -> {
            lossSawWeights.add(weights());
            return a.getArray().pow(3).sum().add(b.getArray().pow(3).sum()).div(3);
        };
    }

    private float[] weights() {
        float[] first = a.getArray().toFloatArray();
        return new float[] {first[0], first[1], b.getArray().toFloatArray()[0]};
    }

    @Test
    void perturbsByRhoInGlobalNormRestoresTheWeightsAndFeedsTheSecondGradientToTheBaseOptimiser() {
        Recorder recorder = new Recorder();
        SharpnessAwareStep sam = new SharpnessAwareStep(List.of(a, b), recorder, RHO, false, 0.01, 0);

        float loss;
        try (NDManager step = manager.newSubManager()) {
            loss = sam.step(step, loss());
        }

        // g = w^2 = [1, 4], [1]; ||g|| = sqrt(18); e = 0.05 g / sqrt(18) = [0.0117851, 0.0471405], [0.0117851]
        assertThat(lossSawWeights).hasSize(2);
        assertThat(lossSawWeights.get(0)).containsExactly(1f, 2f, -1f);
        float[] perturbation = minus(lossSawWeights.get(1), lossSawWeights.get(0));
        assertThat(perturbation).containsExactly(new float[] {0.0117851f, 0.0471405f, 0.0117851f}, within(TOLERANCE));
        assertThat(norm(perturbation)).isCloseTo(RHO, within(1e-6));
        assertThat(sam.lastPerturbationNorm()).isCloseTo(RHO, within(1e-6));
        // the loss at w is returned; the loss at w + e is (1.0117851^3 + 2.0471405^3 - 0.9882149^3) / 3
        assertThat(loss).isCloseTo(8f / 3, within(TOLERANCE));
        assertThat(sam.lastPerturbedLoss()).isCloseTo(2.8832791f, within(TOLERANCE));
        // the base optimiser gets g' = (w + e)^2 = [1.0237091, 4.1907840], [0.9765687], one array per parameter,
        // while the weights are already back at w, bit for bit
        assertThat(recorder.parameters).containsExactly(a, b);
        assertThat(recorder.gradients.get(0)).containsExactly(new float[] {1.0237091f, 4.1907840f}, within(TOLERANCE));
        assertThat(recorder.gradients.get(1)).containsExactly(new float[] {0.9765687f}, within(TOLERANCE));
        assertThat(recorder.weightsAtUpdate).allSatisfy(w -> assertThat(w).containsExactly(1f, 2f, -1f));
        assertThat(weights()).containsExactly(1f, 2f, -1f);
    }

    @Test
    void theBaseOptimiserMovesTheRestoredWeightsWithTheSecondGradient() {
        BaseOptimizer sgd = (parameter, gradient) -> parameter.getArray().subi(gradient.mul(0.1f));
        SharpnessAwareStep sam = new SharpnessAwareStep(List.of(a, b), sgd, RHO, false, 0.01, 0);

        try (NDManager step = manager.newSubManager()) {
            sam.step(step, loss());
        }

        // w - 0.1 g' (with the first gradient g it would be [0.9, 1.6], [-1.1])
        assertThat(weights()).containsExactly(new float[] {0.8976291f, 1.5809216f, -1.0976569f}, within(TOLERANCE));
    }

    @Test
    void clipsTheSecondGradientByItsGlobalNormKeepingItsDirection() {
        Recorder recorder = new Recorder();
        SharpnessAwareStep sam = new SharpnessAwareStep(List.of(a, b), recorder, RHO, false, 0.01, 1.0);

        try (NDManager step = manager.newSubManager()) {
            sam.step(step, loss());
        }

        // ||g'|| = sqrt(1.0237091^2 + 4.1907840^2 + 0.9765688^2) = 4.4231593; clipped to norm 1: g' / 4.4231593
        float[] clipped = {recorder.gradients.get(0)[0], recorder.gradients.get(0)[1], recorder.gradients.get(1)[0]};
        assertThat(clipped).containsExactly(new float[] {0.2314430f, 0.9474640f, 0.2207853f}, within(TOLERANCE));
        assertThat(norm(clipped)).isCloseTo(1.0, within(1e-5));
    }

    @Test
    void adaptiveVariantScalesThePerturbationByTheWeights() {
        Recorder recorder = new Recorder();
        double eta = 0.01;
        SharpnessAwareStep asam = new SharpnessAwareStep(List.of(a, b), recorder, RHO, true, eta, 0);

        try (NDManager step = manager.newSubManager()) {
            asam.step(step, loss());
        }

        // T = |w| + 0.01 = [1.01, 2.01], [1.01]; T g = [1.01, 8.04], [1.01]; ||T g|| = sqrt(66.6818) = 8.1658925
        // e = 0.05 T^2 g / ||T g|| = [0.0062461, 0.0989506], [0.0062461]
        float[] perturbation = minus(lossSawWeights.get(1), lossSawWeights.get(0));
        assertThat(perturbation).containsExactly(new float[] {0.0062461f, 0.0989506f, 0.0062461f}, within(TOLERANCE));
        // the neighbourhood is a ball of radius rho after dividing by T: ||e / T|| = rho
        float[] scaled = {perturbation[0] / 1.01f, perturbation[1] / 2.01f, perturbation[2] / 1.01f};
        assertThat(norm(scaled)).isCloseTo(RHO, within(1e-6));
        // g' = (w + e)^2 = [1.0125312, 4.4055936], [0.9875468]; weights restored
        assertThat(recorder.gradients.get(0)).containsExactly(new float[] {1.0125312f, 4.4055936f}, within(TOLERANCE));
        assertThat(recorder.gradients.get(1)).containsExactly(new float[] {0.9875468f}, within(TOLERANCE));
        assertThat(weights()).containsExactly(1f, 2f, -1f);
    }

    @Test
    void thePlainStepFeedsTheFirstGradient() {
        Recorder recorder = new Recorder();
        PlainStep plain = new PlainStep(List.of(a, b), recorder, 0);

        try (NDManager step = manager.newSubManager()) {
            plain.step(step, loss());
        }

        assertThat(lossSawWeights).hasSize(1);
        assertThat(recorder.gradients.get(0)).containsExactly(new float[] {1f, 4f}, within(TOLERANCE));
        assertThat(recorder.gradients.get(1)).containsExactly(new float[] {1f}, within(TOLERANCE));
    }

    private static float[] minus(float[] x, float[] y) {
        float[] difference = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            difference[i] = x[i] - y[i];
        }
        return difference;
    }

    private static double norm(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += (double) v * v;
        }
        return Math.sqrt(sum);
    }

    /** A base optimiser that only writes down what it was given and where the weights stood at that moment. */
    private static final class Recorder implements BaseOptimizer {
        final List<Parameter> parameters = new ArrayList<>();
        final List<float[]> gradients = new ArrayList<>();
        final List<float[]> weightsAtUpdate = new ArrayList<>();
        private final List<float[]> pending = new ArrayList<>();

        @Override
        public void update(Parameter parameter, NDArray gradient) {
            parameters.add(parameter);
            gradients.add(gradient.toFloatArray());
            pending.add(parameter.getArray().toFloatArray());
            if (pending.size() == 2) {
                weightsAtUpdate.add(new float[] {pending.get(0)[0], pending.get(0)[1], pending.get(1)[0]});
                pending.clear();
            }
        }
    }
}
