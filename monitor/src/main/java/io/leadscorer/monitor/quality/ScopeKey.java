package io.leadscorer.monitor.quality;

import java.time.Instant;

/**
 * The store key of one model's figures over one scope: {@code model@all} since it first scored, or
 * {@code model@<window start, ISO-8601>} for a tumbling window. It is also the key of the quality records, so a newer
 * record replaces the older one in the compacted topic.
 */
public record ScopeKey(String modelId, long windowStart) {

    public static final long CUMULATIVE = Long.MIN_VALUE;
    private static final String ALL = "all";

    public static ScopeKey cumulative(String modelId) {
        return new ScopeKey(modelId, CUMULATIVE);
    }

    public static ScopeKey window(String modelId, long time, long windowMs) {
        return new ScopeKey(modelId, Math.floorDiv(time, windowMs) * windowMs);
    }

    public boolean isCumulative() {
        return windowStart == CUMULATIVE;
    }

    public String key() {
        return modelId + "@" + (isCumulative() ? ALL : Instant.ofEpochMilli(windowStart).toString());
    }

    public static ScopeKey parse(String key) {
        int at = key.lastIndexOf('@');
        if (at <= 0) {
            throw new IllegalArgumentException("not a quality key: " + key);
        }
        String scope = key.substring(at + 1);
        return new ScopeKey(key.substring(0, at),
                scope.equals(ALL) ? CUMULATIVE : Instant.parse(scope).toEpochMilli());
    }
}
