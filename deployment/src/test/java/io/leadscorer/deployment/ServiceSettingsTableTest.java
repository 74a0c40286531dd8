package io.leadscorer.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The settings tables of docs/SCORER.md and docs/MONITOR.md are the ones the services' application.yml gives: every
 * setting of the service's own prefix and the HTTP port, its environment variable and default, under the page's
 * "Scorer settings" or "Monitor settings" heading. On a mismatch the message holds the table to paste.
 */
class ServiceSettingsTableTest {

    @ParameterizedTest
    @ValueSource(strings = {"scorer", "monitor"})
    void theServicesTableMatchesItsApplicationYml(String service) throws IOException {
        String page = Files.readString(Project.file(page(service)));
        String begin = begin(service);
        String end = end(service);
        String expected = Project.settings(service)
                .markdownTable(key -> key.startsWith(service + ".") || key.equals("micronaut.server.port"));
        assertThat(page).contains(begin).contains(end);
        String actual = page.substring(page.indexOf(begin) + begin.length(), page.indexOf(end)).strip();
        assertThat(actual).as("%s's %s settings; expected table:%n%s", page(service), service, expected)
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"scorer", "monitor"})
    void theTableSitsUnderItsSettingsHeading(String service) throws IOException {
        String page = Files.readString(Project.file(page(service)));
        int begin = page.indexOf(begin(service));
        assertThat(begin).as("%s holds the %s settings table", page(service), service).isNotNegative();
        List<String> headings = page.substring(0, begin).lines().filter(l -> l.startsWith("#")).toList();
        assertThat(headings).as("headings of %s before its settings table", page(service)).isNotEmpty();
        String title = Character.toUpperCase(service.charAt(0)) + service.substring(1);
        assertThat(headings.get(headings.size() - 1)).isEqualTo("## " + title + " settings");
        assertThat(page.substring(begin + begin(service).length(), page.indexOf(end(service))))
                .as("the %s table holds no other table", service).doesNotContain("-settings:begin");
    }

    /** The page that documents a service, with its settings table. */
    static String page(String service) {
        return "docs/" + service.toUpperCase() + ".md";
    }

    static String begin(String service) {
        return "<!-- " + service + "-settings:begin (generated from " + service
                + "/src/main/resources/application.yml; ServiceSettingsTableTest checks it) -->";
    }

    static String end(String service) {
        return "<!-- " + service + "-settings:end -->";
    }
}
