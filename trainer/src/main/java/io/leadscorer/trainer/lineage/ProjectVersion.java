package io.leadscorer.trainer.lineage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The project version of the trainer that is running, as the build wrote it into {@code build.properties} (Maven
 * filters that one resource): the same in tests, from the launcher's class path and in the trainer's jar or image.
 */
public final class ProjectVersion {
    static final String RESOURCE = "/io/leadscorer/trainer/build.properties";

    private ProjectVersion() {}

    /** The version, e.g. {@code 0.1.0-SNAPSHOT}; an IllegalStateException when the build did not write it. */
    public static String current() {
        Properties properties = new Properties();
        try (InputStream in = ProjectVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path: build the trainer with Maven");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        String version = properties.getProperty("project.version", "").strip();
        if (version.isEmpty() || version.startsWith("${")) {
            throw new IllegalStateException(RESOURCE + " holds no project version ('" + version
                    + "'): build the trainer with Maven, which fills it in");
        }
        return version;
    }
}
