package io.leadscorer.trainer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;

import java.util.ArrayList;
import java.util.List;

/** An in-memory copy of a network's weights (the best checkpoint so far), restorable in place. */
final class ParameterSnapshot implements AutoCloseable {
    private final NDManager manager;
    private final List<Parameter> parameters;
    private final List<NDArray> copies = new ArrayList<>();

    ParameterSnapshot(NDManager parent, List<Parameter> parameters) {
        this.manager = parent.newSubManager();
        this.parameters = List.copyOf(parameters);
        for (Parameter parameter : parameters) {
            NDArray copy = parameter.getArray().duplicate();
            copy.attach(manager);
            copies.add(copy);
        }
    }

    void restore() {
        for (int i = 0; i < parameters.size(); i++) {
            parameters.get(i).getArray().set(new NDIndex("..."), copies.get(i));
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
