package io.leadscorer.trainer.sam;

import ai.djl.Device;
import ai.djl.TrainingDivergedException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class GradientsTest {

    @Test
    void theGlobalNormTakesAllParametersAsOneVector() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            List<NDArray> gradients = List.of(manager.create(new float[] {3, 4}), manager.create(new float[][] {{12}}));

            assertThat(Gradients.globalNorm(gradients)).isCloseTo(13, within(1e-9));
        }
    }

    @Test
    void clippingScalesEveryParameterByTheSameFactorSoTheDirectionStays() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            // norm 13; element-wise clipping at 6.5 would leave [3, 4] alone and cut 12, turning the vector
            List<NDArray> gradients = List.of(manager.create(new float[] {3, 4}), manager.create(new float[] {12}));

            Gradients.clip(gradients, Gradients.globalNorm(gradients), 6.5);

            assertThat(gradients.get(0).toFloatArray()).containsExactly(new float[] {1.5f, 2f}, within(1e-5f));
            assertThat(gradients.get(1).toFloatArray()).containsExactly(new float[] {6f}, within(1e-5f));
            assertThat(Gradients.globalNorm(gradients)).isCloseTo(6.5, within(1e-5));
        }
    }

    @Test
    void gradientsWithinTheLimitOrALimitOfZeroAreLeftAlone() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            List<NDArray> small = List.of(manager.create(new float[] {3, 4}));
            List<NDArray> unlimited = List.of(manager.create(new float[] {300, 400}));

            Gradients.clip(small, Gradients.globalNorm(small), 5.0);
            Gradients.clip(unlimited, Gradients.globalNorm(unlimited), 0);

            assertThat(small.get(0).toFloatArray()).containsExactly(3f, 4f);
            assertThat(unlimited.get(0).toFloatArray()).containsExactly(300f, 400f);
        }
    }

    @Test
    void theNormOfHugeButFiniteGradientsIsFinite() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            // 3e20 squared overflows float32; the sum is taken in double precision
            List<NDArray> gradients = List.of(manager.create(new float[] {3e20f, 4e20f}));

            assertThat(Gradients.globalNorm(gradients)).isCloseTo(5e20, within(1e15));
        }
    }

    @Test
    void aGradientWithInfOrNanIsRefusedWithTheParameterNamed() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            Parameter first = parameter(manager, "encoder.weight");
            Parameter second = parameter(manager, "classifier.bias");
            Gradients gradients = new Gradients(List.of(first, second));

            assertThat(gradients.finiteNorm(List.of(manager.create(new float[] {3, 0}), manager.create(new float[] {0, 4}))))
                    .isCloseTo(5, within(1e-9));
            assertThatThrownBy(() -> gradients.finiteNorm(List.of(manager.create(new float[] {1, 2}),
                    manager.create(new float[] {Float.NaN, 0}))))
                    .isInstanceOf(TrainingDivergedException.class)
                    .hasMessageContaining("[classifier.bias]");
            assertThatThrownBy(() -> gradients.finiteNorm(List.of(manager.create(new float[] {Float.POSITIVE_INFINITY, 2}),
                    manager.create(new float[] {0, 0}))))
                    .hasMessageContaining("[encoder.weight]");
        }
    }

    private static Parameter parameter(NDManager manager, String name) {
        Parameter parameter = Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).build();
        parameter.setArray(manager.create(new float[] {1, 1}));
        return parameter;
    }
}
