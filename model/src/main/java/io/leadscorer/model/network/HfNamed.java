package io.leadscorer.model.network;

import ai.djl.nn.Parameter;
import java.util.Map;

/** A block that can list its parameters under their Hugging Face names, so checkpoints map one to one. */
interface HfNamed {

    /** Adds this block's parameters to {@code into} as {@code prefix + "." + localName}. */
    void addParameters(String prefix, Map<String, Parameter> into);
}
