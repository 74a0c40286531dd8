package io.leadscorer.schemas.registry;

import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.types.Password;

/** Reads string settings from a Kafka-style config map, whose values may be strings, Passwords or classes. */
final class ConfigValues {

    private ConfigValues() {
    }

    /** The trimmed value of {@code key}, empty when absent or blank. */
    static Optional<String> string(Map<String, ?> config, String key) {
        Object value = config.get(key);
        if (value == null) {
            return Optional.empty();
        }
        String text = value instanceof Password password ? password.value()
                : value instanceof Class<?> type ? type.getName()
                : value.toString();
        return text.isBlank() ? Optional.empty() : Optional.of(text.trim());
    }
}
