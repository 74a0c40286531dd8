package io.leadscorer.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadscorer.schemas.testing.ApplicationYml;
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
        String expected = table(Project.settings("scorer"));
        assertThat(readme).contains(BEGIN).contains(END);
        String actual = readme.substring(readme.indexOf(BEGIN) + BEGIN.length(), readme.indexOf(END)).strip();
        assertThat(actual).as("README.md's scorer settings; expected table:%n%s", expected).isEqualTo(expected);
    }

    /** The table: a row per setting, the placeholder's variable where it has one, else Micronaut's mapped name. */
    static String table(ApplicationYml settings) {
        StringBuilder table = new StringBuilder("| setting | environment variable | default |\n| --- | --- | --- |\n");
        for (ApplicationYml.Setting setting : settings.settings().values()) {
            if (!setting.key().startsWith("scorer.") && !setting.key().equals("micronaut.server.port")) {
                continue;
            }
            String variable = setting.variable().orElse(setting.mappedVariable());
            String shown = setting.shownDefault().isEmpty() ? "(none)" : "`" + setting.shownDefault() + "`";
            table.append("| `").append(setting.key()).append("` | `").append(variable).append("` | ").append(shown).append(" |\n");
        }
        return table.toString().strip();
    }
}
