package io.leadscorer.model.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.leadscorer.model.tokenizer.Encoded;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchInputsTest {

    @Test
    void padsToTheLongestLeadOfTheBatch() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList inputs = BatchInputs.of(manager, List.of(
                    new Encoded(new long[] {2, 7, 3}, new long[] {1, 1, 1}),
                    new Encoded(new long[] {2, 8, 9, 10, 3}, new long[] {1, 1, 1, 1, 1}),
                    new Encoded(new long[] {2, 3}, new long[] {1, 1})));
            assertThat(inputs).hasSize(2);
            assertThat(inputs.get(0).getShape()).isEqualTo(new Shape(3, 5));
            assertThat(inputs.get(0).getDataType()).isEqualTo(DataType.INT64);
            assertThat(inputs.get(1).getDataType()).isEqualTo(DataType.INT64);
            assertThat(inputs.get(0).toLongArray()).containsExactly(
                    2, 7, 3, 0, 0,
                    2, 8, 9, 10, 3,
                    2, 3, 0, 0, 0);
            assertThat(inputs.get(1).toLongArray()).containsExactly(
                    1, 1, 1, 0, 0,
                    1, 1, 1, 1, 1,
                    1, 1, 0, 0, 0);
        }
    }

    @Test
    void padsToAFixedShapeWithEmptyRows() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList inputs = BatchInputs.padded(manager, List.of(
                    new Encoded(new long[] {2, 7, 3}, new long[] {1, 1, 1})), 2, 4);
            assertThat(inputs.get(0).getShape()).isEqualTo(new Shape(2, 4));
            assertThat(inputs.get(0).toLongArray()).containsExactly(2, 7, 3, 0, 0, 0, 0, 0);
            assertThat(inputs.get(1).toLongArray()).containsExactly(1, 1, 1, 0, 0, 0, 0, 0);
            assertThatThrownBy(() -> BatchInputs.padded(manager, List.of(
                    new Encoded(new long[] {2, 7, 3}, new long[] {1, 1, 1})), 1, 2))
                    .hasMessageContaining("does not fit [1, 2]");
        }
    }

    @Test
    void refusesAnEmptyBatch() {
        try (NDManager manager = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> BatchInputs.of(manager, List.of()))
                    .hasMessageContaining("at least one lead");
        }
    }
}
