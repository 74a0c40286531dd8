package io.leadscorer.model.predict;

import ai.djl.Device;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * The input shapes [rows, tokens] the network is run with. A batch is cut into chunks of at most the largest row
 * bucket. With fixed buckets ({@link #fixed}) each chunk is padded with empty rows to the smallest row bucket that
 * holds it and with padding tokens to the smallest length bucket that holds its longest lead, so a device sees no new
 * shape on the hot path (a GPU compiles or tunes kernels per shape; the loader warms every shape up). With exact
 * shapes ({@link #exact}) a chunk is as many rows as it has leads and as long as its longest lead, which costs the
 * least on a CPU, where no shape needs compiling. Padding rows and positions are masked, so a lead scores the same
 * either way (within float rounding).
 *
 * <p>{@link #standard}: fixed buckets on a GPU; exact shapes in chunks of at most 32 rows on the CPU, where a forward
 * pass of 128 rows costs more per lead than four of 32 and fixed lengths cost a quarter more per lead for nothing
 * (BENCHMARKS.md, "Predictor (model)").
 */
public final class ShapeBuckets {

    private static final int[] ROW_LADDER = {1, 8, 32, 128};
    private static final int CPU_MAX_ROWS = 32;

    private final int[] rows;
    private final int[] lengths;
    private final boolean exact;

    private ShapeBuckets(int[] rows, int[] lengths, boolean exact) {
        this.rows = rows;
        this.lengths = lengths;
        this.exact = exact;
    }

    /** Explicit fixed buckets (each list strictly positive; sorted and deduplicated here). */
    public static ShapeBuckets of(List<Integer> rows, List<Integer> lengths) {
        return new ShapeBuckets(sortedPositive("row", rows), sortedPositive("length", lengths), false);
    }

    /** The standard shapes for a network of {@code maxPositions} on {@code device}, batches of up to {@code maxBatch}. */
    public static ShapeBuckets standard(Device device, int maxBatch, int maxPositions) {
        return device.isGpu() ? fixed(maxBatch, maxPositions) : exact(Math.min(maxBatch, CPU_MAX_ROWS), maxPositions);
    }

    /**
     * Fixed buckets: rows 1, 8, 32 and 128 below {@code maxBatch}, and {@code maxBatch} itself; lengths 16 to 64 in
     * steps of 8, then growing by half (96, 144, 216, ...), below {@code maxPositions}, and {@code maxPositions} itself.
     */
    public static ShapeBuckets fixed(int maxBatch, int maxPositions) {
        requirePositive(maxBatch, maxPositions);
        List<Integer> rowSizes = new ArrayList<>();
        for (int size : ROW_LADDER) {
            if (size < maxBatch) {
                rowSizes.add(size);
            }
        }
        rowSizes.add(maxBatch);
        List<Integer> lengthSizes = new ArrayList<>();
        for (int length = 16; length < maxPositions; length = length < 64 ? length + 8 : length * 3 / 2) {
            lengthSizes.add(length);
        }
        lengthSizes.add(maxPositions);
        return of(rowSizes, lengthSizes);
    }

    /** Exact shapes: chunks of up to {@code maxRows} leads, each padded only to its longest lead. */
    public static ShapeBuckets exact(int maxRows, int maxPositions) {
        requirePositive(maxRows, maxPositions);
        return new ShapeBuckets(new int[] {maxRows}, new int[] {maxPositions}, true);
    }

    /** Rows of each chunk a batch of {@code leads} runs as, in order (their sum is at least {@code leads}). */
    public int[] chunkRows(int leads) {
        int largest = maxRows();
        int full = leads / largest;
        int rest = leads % largest;
        int[] chunks = new int[full + (rest > 0 ? 1 : 0)];
        Arrays.fill(chunks, 0, full, largest);
        if (rest > 0) {
            chunks[full] = exact ? rest : bucket(rows, rest);
        }
        return chunks;
    }

    /** The largest number of leads in one forward pass. */
    public int maxRows() {
        return rows[rows.length - 1];
    }

    /** The padded length of a chunk whose longest lead has {@code tokens} tokens. */
    public int length(int tokens) {
        if (tokens > lengths[lengths.length - 1]) {
            throw new IllegalArgumentException(tokens + " tokens exceed the longest length bucket "
                    + lengths[lengths.length - 1]);
        }
        return exact ? tokens : bucket(lengths, tokens);
    }

    /**
     * The shapes [rows, tokens] to warm up at load: every fixed bucket; with exact shapes one lead and a full chunk at
     * the longest length (a CPU has nothing to compile; this checks the network runs and pays its first-call costs).
     */
    public List<int[]> warmUpShapes() {
        List<int[]> shapes = new ArrayList<>();
        if (exact) {
            shapes.add(new int[] {1, lengths[0]});
            if (maxRows() > 1) {
                shapes.add(new int[] {maxRows(), lengths[0]});
            }
            return shapes;
        }
        for (int length : lengths) {
            for (int size : rows) {
                shapes.add(new int[] {size, length});
            }
        }
        return shapes;
    }

    private static int bucket(int[] sizes, int needed) {
        for (int size : sizes) {
            if (size >= needed) {
                return size;
            }
        }
        return sizes[sizes.length - 1];
    }

    private static void requirePositive(int maxBatch, int maxPositions) {
        if (maxBatch < 1 || maxPositions < 1) {
            throw new IllegalArgumentException("batch size and positions must be positive: " + maxBatch + ", "
                    + maxPositions);
        }
    }

    private static int[] sortedPositive(String what, List<Integer> sizes) {
        if (sizes.isEmpty()) {
            throw new IllegalArgumentException("at least one " + what + " bucket is needed");
        }
        TreeSet<Integer> sorted = new TreeSet<>(sizes);
        if (sorted.first() < 1) {
            throw new IllegalArgumentException(what + " buckets must be positive: " + sizes);
        }
        return sorted.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public String toString() {
        return exact ? "exact shapes in chunks of up to " + maxRows() + " rows"
                : "rows " + Arrays.toString(rows) + " x tokens " + Arrays.toString(lengths);
    }
}
