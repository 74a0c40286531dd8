package io.leadscorer.sandbox;

import io.micronaut.context.env.AbstractPropertySourceLoader;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.yaml.YamlPropertySourceLoader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A resource read from the jar (or classes directory) that holds a given class, whatever comes first on the class
 * path: trainer and scorer each keep an {@code application.yml} and a {@code logback.xml} at their root, and on the
 * sandbox's one class path only the first of each would be found by name.
 */
public final class ModuleResource {

    private ModuleResource() {
    }

    /** The URL of {@code name} inside the jar or directory that {@code owner} was loaded from. */
    public static URL of(Class<?> owner, String name) {
        try {
            URL location = owner.getProtectionDomain().getCodeSource().getLocation();
            Path path = Path.of(location.toURI());
            if (Files.isDirectory(path)) {
                Path file = path.resolve(name);
                if (!Files.isRegularFile(file)) {
                    throw new IllegalStateException(name + " not found in " + path);
                }
                return file.toUri().toURL();
            }
            return new URL("jar:" + path.toUri() + "!/" + name);
        } catch (URISyntaxException | MalformedURLException e) {
            throw new IllegalStateException("Cannot locate " + name + " beside " + owner.getName(), e);
        }
    }

    /** Reads it whole. */
    public static byte[] read(Class<?> owner, String name) {
        try (var in = of(owner, name).openStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + name + " beside " + owner.getName(), e);
        }
    }

    /**
     * The application.yml of the module that holds {@code application} as a property source at the place of a
     * configuration file (environment variables and system properties still override it).
     */
    public static PropertySource applicationYml(Class<?> application) {
        String name = application.getSimpleName() + "-application.yml";
        try {
            var values = new YamlPropertySourceLoader().read(name,
                    new ByteArrayInputStream(read(application, "application.yml")));
            return PropertySource.of(name, values, AbstractPropertySourceLoader.DEFAULT_POSITION + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the application.yml beside " + application.getName(), e);
        }
    }
}
