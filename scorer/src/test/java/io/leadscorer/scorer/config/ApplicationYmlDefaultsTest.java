package io.leadscorer.scorer.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadscorer.schemas.testing.ApplicationYml;
import io.leadscorer.schemas.testing.EmptyEnvironmentSettings;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The scorer's application.yml resolved in a JVM started with no environment at all: every setting resolves to
 * the default the file shows, the defaults that hold colons included (unquoted, Micronaut would read
 * {@code localhost:9092} as the fallback chain {@code localhost}, then {@code 9092}).
 */
class ApplicationYmlDefaultsTest {

    private static Map<String, String> resolved;

    @BeforeAll
    static void resolveWithEmptyEnvironment() {
        resolved = EmptyEnvironmentSettings.resolve();
    }

    @Test
    void everySettingResolvesToTheDefaultTheFileShows() {
        ApplicationYml yml = ApplicationYml.fromClassPath();
        assertThat(resolved).containsOnlyKeys(yml.settings().keySet());
        SoftAssertions softly = new SoftAssertions();
        for (ApplicationYml.Setting setting : yml.settings().values()) {
            softly.assertThat(resolved.get(setting.key())).as("%s: %s", setting.key(), setting.written())
                    .isEqualTo(setting.shownDefault());
        }
        softly.assertAll();
    }

    @Test
    void resolvesTheValuesTheServiceNeedsToStart() {
        // SCORER_BATCH_SIZE=7 is set for this test JVM by the pom; the empty environment does not see it.
        assertThat(System.getenv("SCORER_BATCH_SIZE")).isEqualTo("7");
        assertThat(resolved)
                .containsEntry("scorer.kafka.bootstrap-servers", "localhost:9092")
                .containsEntry("scorer.registry.url", "http://localhost:8081")
                .containsEntry("scorer.batch.size", "32")
                .containsEntry("scorer.batch.max-wait", "50ms")
                .containsEntry("scorer.kafka.properties.sasl.mechanism", "")
                .containsEntry("micronaut.server.port", "8080");
    }
}
