package io.leadscorer.deployment;

import io.leadscorer.schemas.testing.ApplicationYml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.Yaml;

/**
 * The repository as the deployment tests see it: its root, version, the files under test, and what each service
 * reads (its application.yml). The root and version come from the pom (system properties set for the tests).
 */
final class Project {

    /** Images that Jib builds, one per service module. */
    static final Set<String> IMAGES = Set.of("scorer", "monitor", "trainer", "simulator");

    /** The HTTP paths of the scorer and the monitor that probes and scrapers may use (Micronaut management endpoints). */
    static final Set<String> SERVICE_HTTP_PATHS = Set.of("/health", "/health/liveness", "/health/readiness", "/prometheus");

    /**
     * Variables every JVM service image reads besides its settings: the JVM's own and DJL's (native library flavour
     * and cache directory).
     */
    static final Set<String> RUNTIME_VARIABLES = Set.of(
            "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "PYTORCH_FLAVOR", "DJL_CACHE_DIR", "OMP_NUM_THREADS");

    private Project() {
    }

    static Path root() {
        return Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
    }

    static String version() {
        String version = System.getProperty("project.version");
        if (version == null) {
            throw new IllegalStateException("project.version is not set (run the tests through Maven)");
        }
        return version;
    }

    static Path file(String relative) {
        return root().resolve(relative);
    }

    static ApplicationYml settings(String service) {
        return ApplicationYml.read(file(service + "/src/main/resources/application.yml"));
    }

    /** The port a service's HTTP server listens on when nothing overrides it. */
    static String httpPort(String service) {
        return settings(service).setting("micronaut.server.port").shownDefault();
    }

    /** Whether an image of this service reads the environment variable: one of its settings or a runtime variable. */
    static boolean reads(String service, String variable) {
        if (RUNTIME_VARIABLES.contains(variable)) {
            return true;
        }
        return switch (service) {
            case "scorer", "monitor", "trainer" -> settings(service).reads(variable);
            default -> false; // the simulator takes flags only
        };
    }

    /** Every YAML document of a file. */
    static List<Map<String, Object>> documents(Path file) {
        try {
            return documents(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> documents(String yaml) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml().loadAll(yaml)) {
            if (document != null) {
                documents.add((Map<String, Object>) document);
            }
        }
        return documents;
    }
}
