package io.leadscorer.trainer.lineage;

import io.leadscorer.trainer.config.TrainingSettings;
import io.micronaut.context.annotation.ConfigurationProperties;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every training setting in effect, under the key and in the form that {@code --set key=value} takes
 * ({@code trainer.optimization.learning-rate} = {@code 5.0E-4}, lists comma-separated, enums as application.yml writes
 * them), in the order of {@link TrainingSettings}: what a bundle's lineage records, so that a run can be repeated.
 * Read from the bound settings, so a setting added there is recorded without being named here. The publish and
 * baseline settings shape no bundle (and the publish ones hold secrets): they are not training settings.
 */
public final class ResolvedSettings {
    private static final String PREFIX = "trainer";

    private ResolvedSettings() {}

    public static Map<String, String> of(TrainingSettings settings) {
        Map<String, String> resolved = new LinkedHashMap<>();
        add(PREFIX, settings, resolved);
        return resolved;
    }

    private static void add(String prefix, Record settings, Map<String, String> resolved) {
        for (RecordComponent component : settings.getClass().getRecordComponents()) {
            Object value = value(component, settings);
            if (value instanceof Record nested) {
                add(prefix + "." + name(component, nested), nested, resolved);
            } else {
                resolved.put(prefix + "." + kebab(component.getName()), text(value));
            }
        }
    }

    private static Object value(RecordComponent component, Record settings) {
        try {
            return component.getAccessor().invoke(settings);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read setting " + component.getName(), e);
        }
    }

    private static String text(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(ResolvedSettings::text).collect(Collectors.joining(","));
        }
        if (value instanceof Enum<?> constant) {
            return constant.name().toLowerCase(Locale.ROOT);
        }
        return String.valueOf(value);
    }

    /** A group's prefix as its settings record binds it ({@code id-effects} for {@code valueEffects}), else its name. */
    private static String name(RecordComponent component, Record nested) {
        ConfigurationProperties bound = nested.getClass().getAnnotation(ConfigurationProperties.class);
        return bound != null ? bound.value() : kebab(component.getName());
    }

    /** {@code learningRate} as {@code learning-rate}: Micronaut's name for a property. */
    private static String kebab(String name) {
        StringBuilder kebab = new StringBuilder();
        for (char c : name.toCharArray()) {
            if (Character.isUpperCase(c)) {
                kebab.append('-').append(Character.toLowerCase(c));
            } else {
                kebab.append(c);
            }
        }
        return kebab.toString();
    }
}
