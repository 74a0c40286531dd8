package io.leadscorer.monitor.drift;

import java.util.Optional;

/** Finds a model's reference by its id; empty for a bundle that records none (it still gets every other figure). */
@FunctionalInterface
public interface ModelReferences {

    ModelReferences NONE = modelId -> Optional.empty();

    Optional<ModelReference> of(String modelId);
}
