package io.leadscorer.model.bundle;

import io.leadscorer.model.network.BertConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Upper bounds a bundle must stay within before anything of it is loaded: sizes of the manifest, of each file and
 * of the whole bundle (every file is read into memory once, for its checksum and for loading), and the network's
 * dimensions (a manifest asking for a 10^6-layer network is refused before any memory is allocated for it).
 * The defaults admit bert-base-multilingual-cased (about 700 MB of weights) with room to spare.
 */
public record BundleLimits(long maxManifestBytes, long maxFileBytes, long maxTotalBytes, int maxLayers,
                           int maxHiddenSize, int maxIntermediateSize, int maxVocabSize, int maxPositions) {

    public static final BundleLimits DEFAULT = new BundleLimits(1L << 20, Integer.MAX_VALUE - 16L, 4L << 30,
            48, 4096, 16384, 1_000_000, 8192);

    public BundleLimits {
        if (maxManifestBytes <= 0 || maxFileBytes <= 0 || maxTotalBytes <= 0 || maxLayers <= 0 || maxHiddenSize <= 0
                || maxIntermediateSize <= 0 || maxVocabSize <= 0 || maxPositions <= 0) {
            throw new IllegalArgumentException("bundle limits must be positive: " + this);
        }
        if (maxFileBytes > Integer.MAX_VALUE - 16L) {
            throw new IllegalArgumentException("a bundle file is read into one array, so at most 2 GiB: " + maxFileBytes);
        }
    }

    /** Every dimension of {@code network} that exceeds its bound, as readable problems (empty when within). */
    public List<String> problems(BertConfig network) {
        List<String> problems = new ArrayList<>();
        bound(problems, "num_hidden_layers", network.numHiddenLayers(), maxLayers);
        bound(problems, "hidden_size", network.hiddenSize(), maxHiddenSize);
        bound(problems, "intermediate_size", network.intermediateSize(), maxIntermediateSize);
        bound(problems, "vocab_size", network.vocabSize(), maxVocabSize);
        bound(problems, "max_position_embeddings", network.maxPositionEmbeddings(), maxPositions);
        return problems;
    }

    private static void bound(List<String> problems, String name, long value, long max) {
        if (value > max) {
            problems.add("network " + name + " " + value + " exceeds the limit of " + max);
        }
    }
}
