package io.leadscorer.schemas.testing;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A service's settings as Micronaut resolves them with no environment at all. Micronaut resolves a placeholder's
 * {@code ${VARIABLE}} straight from the process environment (not only through its environment property source), so
 * the only faithful way is another JVM started with an empty environment: {@link #resolve()} starts this class's
 * {@link #main} on the calling module's class path, which prints every key of its application.yml as resolved.
 */
public final class EmptyEnvironmentSettings {

    private EmptyEnvironmentSettings() {
    }

    /** Prints {@code key<TAB>resolved value} for every setting of the application.yml on the class path. */
    public static void main(String[] args) {
        ApplicationYml yml = ApplicationYml.fromClassPath();
        try (ApplicationContext context = ApplicationContext.builder().deduceEnvironment(false).build()) {
            Environment environment = context.getEnvironment().start();
            StringBuilder out = new StringBuilder();
            for (String key : yml.settings().keySet()) {
                String value = environment.getProperty(key, String.class).orElse("");
                out.append(key).append('\t').append(value.replace("\n", "\\n")).append('\n');
            }
            System.out.print(out);
            System.out.flush();
        }
    }

    /** Runs {@link #main} in a JVM whose environment is empty and returns what it resolved, key by key. */
    public static Map<String, String> resolve() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                EmptyEnvironmentSettings.class.getName());
        builder.environment().clear();
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        try {
            Process process = builder.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("settings JVM failed: " + out);
            }
            Map<String, String> resolved = new LinkedHashMap<>();
            out.lines().filter(line -> line.contains("\t")).forEach(line -> {
                int tab = line.indexOf('\t');
                resolved.put(line.substring(0, tab), line.substring(tab + 1));
            });
            return resolved;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
