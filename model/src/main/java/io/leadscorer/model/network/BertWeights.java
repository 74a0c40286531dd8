package io.leadscorer.model.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a {@link BertClassifier}'s weights to and from {@code model.safetensors} under Hugging Face names.
 *
 * <p>Loading accepts {@code BertForSequenceClassification} / {@code BertForMaskedLM} names ({@code bert.} prefix)
 * and {@code BertModel} names (no prefix), and the legacy {@code LayerNorm.gamma/beta} spelling that the
 * published {@code bert-base-*} checkpoints still carry. Tensors the network has no place for (the MLM head
 * {@code cls.*}, {@code position_ids}, extra layers) are ignored and listed in the log. A missing classifier
 * (any pretrained backbone) or pooler keeps its fresh initialisation; any other missing tensor, and any shape
 * mismatch, fails with the names and shapes involved.
 */
public final class BertWeights {

    private static final Logger LOG = LoggerFactory.getLogger(BertWeights.class);

    private BertWeights() {}

    /** Loads the checkpoint's values into the (initialised) network's parameters, in place. */
    public static void load(BertClassifier net, Path safetensors) {
        load(net, safetensors.toString(), SafeTensors.entries(safetensors),
                (manager, select) -> SafeTensors.read(manager, safetensors, select));
    }

    /** The same from the checkpoint's bytes (a bundle's verified copy); {@code name} names it in logs and errors. */
    public static void load(BertClassifier net, byte[] safetensors, String name) {
        load(net, name, SafeTensors.entries(safetensors, name),
                (manager, select) -> SafeTensors.read(manager, safetensors, name, select));
    }

    private interface TensorReader {
        Map<String, NDArray> read(NDManager manager, Predicate<String> select);
    }

    private static void load(BertClassifier net, String safetensors, Map<String, SafeTensors.Entry> entries,
                             TensorReader reader) {
        Map<String, Parameter> parameters = net.parametersByHfName();
        requireInitialized(net);
        Map<String, String> targetByStoredName = new LinkedHashMap<>();
        List<String> ignored = new ArrayList<>();
        for (Map.Entry<String, SafeTensors.Entry> e : entries.entrySet()) {
            String target = hfName(e.getKey(), parameters);
            if (target == null) {
                ignored.add(e.getKey());
            } else if (targetByStoredName.containsValue(target)) {
                throw new IllegalArgumentException("checkpoint " + safetensors + " has two tensors for " + target);
            } else {
                requireShape(safetensors, e.getKey(), e.getValue(), target, parameters.get(target));
                targetByStoredName.put(e.getKey(), target);
            }
        }
        List<String> missing = new ArrayList<>(parameters.keySet());
        missing.removeAll(targetByStoredName.values());
        List<String> kept = missing.stream().filter(BertWeights::mayStayInitialized).toList();
        missing.removeAll(kept);
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("checkpoint " + safetensors + " lacks " + missing.size()
                    + " tensors of this " + net.config().numHiddenLayers() + "-layer network: " + missing);
        }
        try (NDManager scratch = NDManager.newBaseManager(ai.djl.Device.cpu())) {
            Map<String, NDArray> tensors = reader.read(scratch, targetByStoredName::containsKey);
            for (Map.Entry<String, NDArray> e : tensors.entrySet()) {
                NDArray target = parameters.get(targetByStoredName.get(e.getKey())).getArray();
                target.set(e.getValue().toType(DataType.FLOAT32, false).toByteBuffer());
            }
        }
        LOG.info("loaded {} tensors from {}", targetByStoredName.size(), safetensors);
        if (!kept.isEmpty()) {
            LOG.info("not in {} (freshly initialised): {}", safetensors, kept);
        }
        if (!ignored.isEmpty()) {
            LOG.info("ignored {} tensors of {} that this network has no place for: {}", ignored.size(),
                    safetensors, ignored);
        }
    }

    /** Writes every parameter under its {@code BertForSequenceClassification} name. */
    public static void save(BertClassifier net, Path safetensors) {
        requireInitialized(net);
        Map<String, NDArray> tensors = new TreeMap<>();
        net.parametersByHfName().forEach((name, parameter) -> tensors.put(name, parameter.getArray()));
        SafeTensors.write(safetensors, tensors);
    }

    /** The network's name for a stored tensor name, or null when it has none. */
    static String hfName(String stored, Map<String, Parameter> parameters) {
        String name = stored;
        if (name.endsWith("LayerNorm.gamma")) {
            name = name.substring(0, name.length() - "gamma".length()) + "weight";
        } else if (name.endsWith("LayerNorm.beta")) {
            name = name.substring(0, name.length() - "beta".length()) + "bias";
        }
        if (parameters.containsKey(name)) {
            return name;
        }
        if (parameters.containsKey("bert." + name) && !name.startsWith("classifier.")) {
            return "bert." + name;
        }
        return null;
    }

    private static boolean mayStayInitialized(String name) {
        return name.startsWith("classifier.") || name.startsWith("bert.pooler.");
    }

    private static void requireShape(String file, String stored, SafeTensors.Entry entry, String target,
            Parameter parameter) {
        if (!entry.shape().equals(parameter.getShape())) {
            throw new IllegalArgumentException("checkpoint " + file + ": tensor '" + stored + "' has shape "
                    + entry.shape() + " but the network's '" + target + "' is " + parameter.getShape()
                    + " (does config.json match the checkpoint?)");
        }
        if (!entry.dtype().startsWith("F") && !entry.dtype().equals("BF16")) {
            throw new IllegalArgumentException("checkpoint " + file + ": tensor '" + stored + "' is " + entry.dtype()
                    + ", not a float type");
        }
    }

    private static void requireInitialized(BertClassifier net) {
        if (!net.isInitialized()) {
            throw new IllegalStateException("initialise the network before loading or saving weights");
        }
    }
}
