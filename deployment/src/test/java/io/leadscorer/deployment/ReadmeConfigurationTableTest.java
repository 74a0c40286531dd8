package io.leadscorer.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * README.md's tables of the scorer's and the monitor's settings are the ones their application.yml gives: every
 * setting of the service's own prefix and the HTTP port, its environment variable and default. On a mismatch the
 * message holds the table to paste.
 */
class ReadmeConfigurationTableTest {

    @ParameterizedTest
    @ValueSource(strings = {"scorer", "monitor"})
    void theServicesTableMatchesItsApplicationYml(String service) throws IOException {
        String readme = Files.readString(Project.file("README.md"));
        String begin = begin(service);
        String end = end(service);
        String expected = Project.settings(service)
                .markdownTable(key -> key.startsWith(service + ".") || key.equals("micronaut.server.port"));
        assertThat(readme).contains(begin).contains(end);
        String actual = readme.substring(readme.indexOf(begin) + begin.length(), readme.indexOf(end)).strip();
        assertThat(actual).as("README.md's %s settings; expected table:%n%s", service, expected).isEqualTo(expected);
    }

    @Test
    void theMonitorsTableFollowsTheScorers() throws IOException {
        String readme = Files.readString(Project.file("README.md"));
        int scorerEnd = readme.indexOf(end("scorer"));
        int monitorBegin = readme.indexOf(begin("monitor"));
        assertThat(scorerEnd).isNotNegative();
        assertThat(monitorBegin).isGreaterThan(scorerEnd);
        List<String> headings = readme.substring(scorerEnd, monitorBegin).lines().filter(l -> l.startsWith("#")).toList();
        assertThat(headings).as("headings between the two tables").containsExactly("## Monitor settings");
    }

    static String begin(String service) {
        return "<!-- " + service + "-settings:begin (generated from " + service
                + "/src/main/resources/application.yml; ReadmeConfigurationTableTest checks it) -->";
    }

    static String end(String service) {
        return "<!-- " + service + "-settings:end -->";
    }
}
