package io.leadscorer.trainer.cli;

import io.leadscorer.trainer.config.TrainingSettings;
import io.micronaut.context.env.yaml.YamlPropertySourceLoader;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The default of each {@link Setting} flag is the value the trainer's application.yml gives its setting, so that
 * {@code --help} shows it ({@code ${DEFAULT-VALUE}}) without a second copy of the defaults to drift apart. An empty
 * list shows as {@code none}, the value that empties a list from a flag. Picocli also assigns these defaults to the
 * flags' fields, which nothing reads: the commands get their settings from the Micronaut environment, where a
 * --config file and environment variables override application.yml ({@link CliOverrides}).
 */
public final class SettingDefaults implements IDefaultValueProvider {
    private static final String FILE = "application.yml";

    private final Map<String, Object> settings = read();

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (!(argSpec.userObject() instanceof Field field) || field.getAnnotation(Setting.class) == null) {
            return null;
        }
        Object value = settings.get(field.getAnnotation(Setting.class).value());
        if (value instanceof Collection<?> list) {
            return list.isEmpty() ? TrainingSettings.NONE
                    : list.stream().map(String::valueOf).collect(Collectors.joining(","));
        }
        return value == null ? null : String.valueOf(value);
    }

    private static Map<String, Object> read() {
        try (InputStream in = SettingDefaults.class.getClassLoader().getResourceAsStream(FILE)) {
            if (in == null) {
                throw new IllegalStateException("no " + FILE + " on the class path");
            }
            return new YamlPropertySourceLoader().read(FILE, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
