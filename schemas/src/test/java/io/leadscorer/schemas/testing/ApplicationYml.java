package io.leadscorer.schemas.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.Yaml;

/**
 * A service's application.yml as a flat list of settings (dotted keys in file order), each with the environment
 * variable of its {@code ${VARIABLE:default}} placeholder, if any, and the default the file shows. The tests of the
 * services and of the deployment files use it to check resolved defaults and environment variable names against
 * what the services actually read.
 */
public final class ApplicationYml {

    /** A whole value of the form {@code ${VARIABLE:default}}; the default may be quoted in backticks. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]+):(.*)}");

    private final Map<String, Setting> settings;

    private ApplicationYml(Map<String, Setting> settings) {
        this.settings = Collections.unmodifiableMap(settings);
    }

    /** One leaf of the file: its dotted key, the text as written, and the placeholder's variable and shown default. */
    public record Setting(String key, String written, Optional<String> variable, String shownDefault) {

        /** The name Micronaut also maps to this key: scorer.batch.max-wait is read from SCORER_BATCH_MAX_WAIT. */
        public String mappedVariable() {
            return key.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
        }
    }

    public static ApplicationYml read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the application.yml on the class path of the calling module. */
    public static ApplicationYml fromClassPath() {
        try (InputStream in = ApplicationYml.class.getClassLoader().getResourceAsStream("application.yml")) {
            if (in == null) {
                throw new IllegalStateException("no application.yml on the class path");
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ApplicationYml read(InputStream in) {
        Map<String, Setting> settings = new LinkedHashMap<>();
        Object root = new Yaml().load(in);
        flatten("", root, settings);
        return new ApplicationYml(settings);
    }

    public Map<String, Setting> settings() {
        return settings;
    }

    public Setting setting(String key) {
        Setting setting = settings.get(key);
        if (setting == null) {
            throw new IllegalArgumentException("no setting " + key);
        }
        return setting;
    }

    /**
     * The settings whose keys {@code included} accepts, in file order, as the Markdown table the docs hold between
     * markers: the key, its environment variable (the placeholder's where it has one, else Micronaut's mapped name) and
     * its default ({@code (none)} when empty). Tests compare the docs' table with this one.
     */
    public String markdownTable(Predicate<String> included) {
        StringBuilder table = new StringBuilder("| setting | environment variable | default |\n| --- | --- | --- |\n");
        for (Setting setting : settings.values()) {
            if (!included.test(setting.key())) {
                continue;
            }
            String variable = setting.variable().orElse(setting.mappedVariable());
            String shown = setting.shownDefault().isEmpty() ? "(none)" : "`" + setting.shownDefault() + "`";
            table.append("| `").append(setting.key()).append("` | `").append(variable).append("` | ").append(shown)
                    .append(" |\n");
        }
        return table.toString().strip();
    }

    /** The variables named in placeholders. */
    public Set<String> placeholderVariables() {
        return settings.values().stream().flatMap(s -> s.variable().stream()).collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * Whether the service reads an environment variable of this name: one of its placeholders, or Micronaut's own
     * mapping of a variable onto a key of the file (SCORER_TOPICS_INPUT onto scorer.topics.input).
     */
    public boolean reads(String variable) {
        return placeholderVariables().contains(variable)
                || settings.values().stream().anyMatch(s -> s.mappedVariable().equals(variable));
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Object node, Map<String, Setting> out) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : ((Map<Object, Object>) map).entrySet()) {
                String key = prefix.isEmpty() ? String.valueOf(entry.getKey()) : prefix + "." + entry.getKey();
                flatten(key, entry.getValue(), out);
            }
        } else if (node instanceof List<?> list) {
            String joined = list.stream().map(String::valueOf).collect(Collectors.joining(","));
            out.put(prefix, new Setting(prefix, joined, Optional.empty(), joined));
        } else {
            String written = node == null ? "" : String.valueOf(node);
            Matcher placeholder = PLACEHOLDER.matcher(written);
            if (placeholder.matches()) {
                String shown = placeholder.group(2);
                if (shown.length() >= 2 && shown.startsWith("`") && shown.endsWith("`")) {
                    shown = shown.substring(1, shown.length() - 1);
                }
                out.put(prefix, new Setting(prefix, written, Optional.of(placeholder.group(1)), shown));
            } else {
                out.put(prefix, new Setting(prefix, written, Optional.empty(), written));
            }
        }
    }
}
