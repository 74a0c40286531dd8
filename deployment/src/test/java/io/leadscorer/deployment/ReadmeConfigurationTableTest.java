package io.leadscorer.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;

import org.junit.jupiter.api.Test;

/**
 * README.md's table of the scorer's settings is the one application.yml gives: every scorer.* setting and the HTTP
 * port, its environment variable and default. On a mismatch the message holds the table to paste.
 */
class ReadmeConfigurationTableTest {

    static final String BEGIN = "<!-- scorer-settings:begin (generated from scorer/src/main/resources/application.yml; ReadmeConfigurationTableTest checks it) -->";
    static final String END = "<!-- scorer-settings:end -->";

    @Test
    void theScorerTableMatchesApplicationYml() throws IOException {
        String readme = Files.readString(Project.file("README.md"));
        String expected = Project.settings("scorer")
                .markdownTable(key -> key.startsWith("scorer.") || key.equals("micronaut.server.port"));
        assertThat(readme).contains(BEGIN).contains(END);
        String actual = readme.substring(readme.indexOf(BEGIN) + BEGIN.length(), readme.indexOf(END)).strip();
        assertThat(actual).as("README.md's scorer settings; expected table:%n%s", expected).isEqualTo(expected);
    }
}
