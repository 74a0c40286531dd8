package io.leadscorer.model.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShapeBucketsTest {

    @Test
    void fixedBucketsStepRowsUpToTheBatchSizeAndLengthsUpToTheMaxPositions() {
        assertThat(ShapeBuckets.fixed(128, 48)).hasToString("rows [1, 8, 32, 128] x tokens [16, 24, 32, 40, 48]");
        assertThat(ShapeBuckets.fixed(512, 64)).hasToString("rows [1, 8, 32, 128, 512] x tokens [16, 24, 32, 40, 48, 56, 64]");
        assertThat(ShapeBuckets.fixed(50, 512))
                .hasToString("rows [1, 8, 32, 50] x tokens [16, 24, 32, 40, 48, 56, 64, 96, 144, 216, 324, 486, 512]");
        assertThat(ShapeBuckets.fixed(1, 10)).hasToString("rows [1] x tokens [10]");
        assertThat(ShapeBuckets.fixed(32, 48).warmUpShapes()).hasSize(3 * 5);
    }

    @Test
    void theStandardShapesAreFixedOnAGpuAndExactInChunksOf32OnTheCpu() {
        assertThat(ShapeBuckets.standard(Device.gpu(), 128, 48)).hasToString(ShapeBuckets.fixed(128, 48).toString());
        assertThat(ShapeBuckets.standard(Device.cpu(), 128, 48)).hasToString("exact shapes in chunks of up to 32 rows");
        assertThat(ShapeBuckets.standard(Device.cpu(), 16, 48)).hasToString("exact shapes in chunks of up to 16 rows");
    }

    @Test
    void aBatchIsCutIntoChunksOfTheLargestBucketAndTheRestPaddedUp() {
        ShapeBuckets buckets = ShapeBuckets.of(List.of(1, 8, 32), List.of(16, 32, 48));
        assertThat(buckets.chunkRows(1)).containsExactly(1);
        assertThat(buckets.chunkRows(2)).containsExactly(8);
        assertThat(buckets.chunkRows(9)).containsExactly(32);
        assertThat(buckets.chunkRows(32)).containsExactly(32);
        assertThat(buckets.chunkRows(128)).containsExactly(32, 32, 32, 32);
        assertThat(buckets.chunkRows(70)).containsExactly(32, 32, 8);
        assertThat(buckets.chunkRows(0)).isEmpty();
        assertThat(buckets.length(3)).isEqualTo(16);
        assertThat(buckets.length(17)).isEqualTo(32);
        assertThat(buckets.length(48)).isEqualTo(48);
        assertThatThrownBy(() -> buckets.length(49)).hasMessageContaining("49 tokens exceed the longest length bucket 48");
    }

    @Test
    void exactShapesOnlyCutABatchIntoChunks() {
        ShapeBuckets buckets = ShapeBuckets.exact(32, 48);
        assertThat(buckets.chunkRows(70)).containsExactly(32, 32, 6);
        assertThat(buckets.chunkRows(5)).containsExactly(5);
        assertThat(buckets.length(17)).isEqualTo(17);
        assertThat(buckets.warmUpShapes()).containsExactly(new int[] {1, 48}, new int[] {32, 48});
    }

    @Test
    void refusesEmptyOrNonPositiveBuckets() {
        assertThatThrownBy(() -> ShapeBuckets.of(List.of(), List.of(16))).hasMessageContaining("at least one row bucket");
        assertThatThrownBy(() -> ShapeBuckets.of(List.of(0, 8), List.of(16))).hasMessageContaining("row buckets must be positive");
        assertThatThrownBy(() -> ShapeBuckets.exact(0, 16)).hasMessageContaining("must be positive");
    }
}
