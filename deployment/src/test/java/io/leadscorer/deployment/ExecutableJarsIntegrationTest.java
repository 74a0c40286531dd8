package io.leadscorer.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The packaged jars run with `java -jar`: the thin jars of the trainer, the scorer and the monitor name every runtime
 * dependency in their manifest's Class-Path and find each in target/lib; the trainer's and the simulator's print
 * their usage.
 * Runs in the integration-test phase (failsafe), after the reactor has packaged those modules.
 */
class ExecutableJarsIntegrationTest {

    @ParameterizedTest
    @ValueSource(strings = {"trainer", "scorer", "monitor"})
    void theManifestClassPathCoversTheRuntimeClassPathAndLibHoldsIt(String module) throws IOException {
        Path target = Project.file(module + "/target");
        Manifest manifest = manifest(module);
        assertThat(manifest.getMainAttributes().getValue("Main-Class")).startsWith("io.leadscorer." + module + ".");
        List<String> classPath = classPath(manifest);
        assertThat(classPath).allSatisfy(entry -> {
            assertThat(entry).startsWith("lib/");
            assertThat(target.resolve(entry)).exists();
        });
        Set<String> runtime = Arrays.stream(Files.readString(target.resolve("classpath.txt")).trim().split(":"))
                .map(p -> Path.of(p).getFileName().toString()).collect(Collectors.toSet());
        Set<String> named = classPath.stream().map(e -> e.substring("lib/".length())).collect(Collectors.toSet());
        assertThat(named).as("Class-Path against target/classpath.txt").containsExactlyInAnyOrderElementsOf(runtime);
        try (Stream<Path> lib = Files.list(target.resolve("lib"))) {
            // containsAll: a jar left behind by an earlier build (no `clean`) is harmless, the manifest does not name it
            assertThat(lib.map(p -> p.getFileName().toString())).containsAll(named);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"trainer", "scorer"})
    void theJarsThatRunTheNetworkNameThePyTorchNativeLibrary(String module) throws IOException {
        assertThat(classPath(manifest(module))).anyMatch(n -> n.startsWith("lib/pytorch-native-cpu-"));
    }

    @Test
    void theMonitorJarRunsTheMonitorApplication() throws IOException {
        assertThat(manifest("monitor").getMainAttributes().getValue("Main-Class"))
                .isEqualTo("io.leadscorer.monitor.MonitorApplication");
    }

    @ParameterizedTest
    @ValueSource(strings = {"trainer/target/trainer-%s.jar", "simulator/target/simulator-%s-jar-with-dependencies.jar"})
    void javaDashJarPrintsTheUsage(String pattern) throws Exception {
        Path jar = Project.file(pattern.formatted(Project.version()));
        assertThat(jar).as("package the module first").exists();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-Dai.djl.offline=true", "-jar", jar.toString(), "--help")
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        assertThat(out).startsWith("Usage: ").contains("Commands:");
    }

    private static Manifest manifest(String module) throws IOException {
        Path jar = Project.file(module + "/target/" + module + "-" + Project.version() + ".jar");
        assertThat(jar).as("package %s first", module).exists();
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getManifest();
        }
    }

    private static List<String> classPath(Manifest manifest) {
        return Arrays.asList(manifest.getMainAttributes().getValue("Class-Path").trim().split("\\s+"));
    }
}
