package io.leadscorer.model.explain;

import java.util.Arrays;
import java.util.Locale;

/**
 * How a deployment splits a lead's served score into reasons. {@link #EFFECTS}: the bundle's value effects alone,
 * exact and nearly free, silent on the network's term. {@link #OCCLUSION}: those plus each column's
 * {@link ColumnOcclusion network share}, which costs one more network pass per column the lead has a value in.
 */
public enum ReasonAttribution {
    EFFECTS,
    OCCLUSION;

    /** The attribution of its name as settings write it ({@code effects}, {@code occlusion}; case ignored). */
    public static ReasonAttribution parse(String name) {
        for (ReasonAttribution attribution : values()) {
            if (name != null && attribution.id().equals(name.strip().toLowerCase(Locale.ROOT))) {
                return attribution;
            }
        }
        throw new IllegalArgumentException("unknown reason attribution '" + name + "' (known: "
                + String.join(", ", Arrays.stream(values()).map(ReasonAttribution::id).toList()) + ")");
    }

    /** The name settings write. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
