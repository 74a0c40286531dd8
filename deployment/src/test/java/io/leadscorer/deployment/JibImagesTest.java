package io.leadscorer.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Jib configuration in the poms names the images that compose.yaml and k8s/ use, runs them as a non-root user
 * and exposes the ports the scorer and the monitor listen on. (Building an image needs its base image from a registry, so the
 * tests never build one.)
 */
class JibImagesTest {

    @Test
    void imagesAreNamedUnderThePrefixAndRunAsANonRootUser() throws IOException {
        String parent = Files.readString(Project.file("pom.xml"));
        assertThat(parent).contains("<jib.image.prefix>lead-scorer</jib.image.prefix>")
                .containsPattern("<jib.image.user>[1-9][0-9]*:[1-9][0-9]*</jib.image.user>")
                .contains("<jib.base.image>")
                // libraries build no image, so that `jib:buildTar -pl <service> -am` passes over them
                .contains("<jib.skip>true</jib.skip>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"scorer", "monitor", "trainer", "simulator"})
    void eachServiceModuleBuildsItsImage(String module) throws IOException {
        String pom = Files.readString(Project.file(module + "/pom.xml"));
        assertThat(pom).contains("<artifactId>jib-maven-plugin</artifactId>")
                .containsPattern("<to><image>\\$\\{jib.image.prefix}/" + module + ":\\$\\{(project.version|scorer.image.tag)}</image></to>")
                .contains("<user>${jib.image.user}</user>")
                .contains("<jvmFlag>-XX:MaxRAMPercentage=75.0</jvmFlag>")
                .contains("<jib.skip>false</jib.skip>");
        // bound to no phase: CI never pulls a base image
        String jib = pom.substring(pom.indexOf("<artifactId>jib-maven-plugin</artifactId>"));
        jib = jib.substring(0, jib.indexOf("</plugin>"));
        assertThat(jib).doesNotContain("<executions>");
    }

    @Test
    void theScorerImageExposesTheHttpPortAndTheGpuProfileDropsTheCpuNativeLibrary() throws IOException {
        String pom = Files.readString(Project.file("scorer/pom.xml"));
        assertThat(pom).contains("<ports><port>" + Project.httpPort("scorer") + "</port></ports>");
        String gpu = pom.substring(pom.indexOf("<id>gpu</id>"));
        assertThat(gpu).contains("<scorer.image.tag>${project.version}-gpu</scorer.image.tag>")
                .contains("<artifactId>pytorch-native-cpu</artifactId>")
                .containsPattern("<scorer.image.pytorch.flavor>cu[0-9]+</scorer.image.pytorch.flavor>");
    }

    @Test
    void theMonitorImageExposesTheHttpPortAndRunsItsApplication() throws IOException {
        String pom = Files.readString(Project.file("monitor/pom.xml"));
        assertThat(pom).contains("<ports><port>" + Project.httpPort("monitor") + "</port></ports>")
                .contains("<exec.mainClass>io.leadscorer.monitor.MonitorApplication</exec.mainClass>")
                .contains("<mainClass>${exec.mainClass}</mainClass>");
    }
}
