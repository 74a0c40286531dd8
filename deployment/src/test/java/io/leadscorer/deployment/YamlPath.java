package io.leadscorer.deployment;

import java.util.List;
import java.util.Map;

/** Navigation in parsed YAML (maps and lists) for the manifest tests: a missing step fails with the path. */
final class YamlPath {

    private YamlPath() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node, String... path) {
        return (Map<String, Object>) at(node, path);
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object node, String... path) {
        return (List<Object>) at(node, path);
    }

    static String string(Object node, String... path) {
        return String.valueOf(at(node, path));
    }

    static Object at(Object node, String... path) {
        Object current = node;
        for (String step : path) {
            if (!(current instanceof Map<?, ?> map) || !map.containsKey(step)) {
                throw new AssertionError("no " + String.join(".", path) + " (missing " + step + ")");
            }
            current = map.get(step);
        }
        return current;
    }

    static boolean has(Object node, String... path) {
        Object current = node;
        for (String step : path) {
            if (!(current instanceof Map<?, ?> map) || !map.containsKey(step)) {
                return false;
            }
            current = map.get(step);
        }
        return true;
    }
}
