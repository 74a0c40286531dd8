package io.leadscorer.trainer.cli;

import io.leadscorer.trainer.data.InputException;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.yaml.YamlPropertySourceLoader;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.ParseResult;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns --config, --set and the {@link Setting} flags into property sources before the application context
 * starts, so that every bean sees one set of settings. Precedence, lowest first: application.yml, --config
 * file, environment variables, system properties, --set and flags.
 */
public final class CliOverrides {
    /**
     * Above application.yml (Micronaut loads it at -300, environment-specific files just above) and below
     * environment variables (-200); property sources with a higher order win.
     */
    private static final int CONFIG_FILE_ORDER = -250;
    private static final int FLAGS_ORDER = 100;
    private final List<PropertySource> sources;

    private CliOverrides(List<PropertySource> sources) {
        this.sources = List.copyOf(sources);
    }

    public PropertySource[] propertySources() {
        return sources.toArray(PropertySource[]::new);
    }

    public static CliOverrides parse(String[] args) {
        ParseResult result;
        try {
            result = new CommandLine(TrainerCommand.class).parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            return new CliOverrides(List.of());
        }
        Map<String, Object> flags = new LinkedHashMap<>();
        List<PropertySource> sources = new ArrayList<>();
        for (ParseResult level = result; level != null; level = level.subcommand()) {
            for (ArgSpec option : level.matchedOptions()) {
                if (!(option.userObject() instanceof Field field)) {
                    continue;
                }
                Setting setting = field.getAnnotation(Setting.class);
                List<String> values = option.originalStringValues();
                if (setting != null && !values.isEmpty()) {
                    flags.put(setting.value(), values.get(values.size() - 1));
                } else if (field.getName().equals("properties") && option.getValue() instanceof Map<?, ?> map) {
                    map.forEach((key, value) -> flags.put(key.toString(), value));
                } else if (field.getName().equals("config") && option.getValue() instanceof Path file) {
                    sources.add(configFile(file));
                }
            }
        }
        if (!flags.isEmpty()) {
            sources.add(PropertySource.of("command-line flags", flags, FLAGS_ORDER));
        }
        return new CliOverrides(sources);
    }

    private static PropertySource configFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InputException("--config " + file + ": no such file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            Map<String, Object> properties = new YamlPropertySourceLoader().read(file.toString(), in);
            return PropertySource.of(file.toString(), properties, CONFIG_FILE_ORDER);
        } catch (IOException | RuntimeException e) {
            throw new InputException("--config " + file + " is not a readable YAML settings file: " + e.getMessage(), e);
        }
    }
}
