package io.leadscorer.monitor.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadscorer.schemas.testing.ApplicationYml;
import io.leadscorer.schemas.testing.EmptyEnvironmentSettings;
import io.micronaut.core.convert.ConversionService;
import io.micronaut.core.naming.NameUtils;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The monitor's application.yml resolved in a JVM started with no environment at all: every setting resolves to the
 * default the file shows, the defaults that hold colons included (unquoted, Micronaut would read
 * {@code localhost:9092} as the fallback chain {@code localhost}, then {@code 9092}), and every field of
 * {@link MonitorSettings} gets a default it can bind.
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
        assertThat(resolved)
                .containsEntry("monitor.application-id", "lead-scorer-monitor")
                .containsEntry("monitor.kafka.bootstrap-servers", "localhost:9092")
                .containsEntry("monitor.registry.url", "http://localhost:8081")
                .containsEntry("monitor.topics.scores", "mql.scores")
                .containsEntry("monitor.topics.outcomes", "mql.outcomes")
                .containsEntry("monitor.kafka.state-dir", "/tmp/lead-scorer-monitor")
                .containsEntry("monitor.labels.horizon", "90d")
                .containsEntry("monitor.kafka.properties.sasl.mechanism", "")
                .containsEntry("micronaut.server.port", "8082");
    }

    @Test
    void everyFieldOfTheSettingsHasADefaultOfItsType() {
        Map<String, Class<?>> fields = new LinkedHashMap<>();
        fields("monitor", MonitorSettings.class, fields);
        SoftAssertions softly = new SoftAssertions();
        fields.forEach((key, type) -> {
            if (Map.class.isAssignableFrom(type)) {
                softly.assertThat(resolved.keySet()).as(key).anyMatch(k -> k.startsWith(key + "."));
                return;
            }
            softly.assertThat(resolved).as(key).containsKey(key);
            if (type != String.class && resolved.containsKey(key)) {
                softly.assertThat(ConversionService.SHARED.convert(resolved.get(key), boxed(type)))
                        .as("%s = %s as %s", key, resolved.get(key), type.getSimpleName()).isPresent();
            }
        });
        softly.assertAll();
        assertThat(fields).containsKeys("monitor.labels.horizon", "monitor.drift.warn", "monitor.model-store");
    }

    /** The dotted keys of a settings record's fields, nested records walked, as Micronaut binds them. */
    private static void fields(String prefix, Class<?> record, Map<String, Class<?>> out) {
        for (RecordComponent component : record.getRecordComponents()) {
            String key = prefix + "." + NameUtils.hyphenate(component.getName());
            if (component.getType().isRecord()) {
                fields(key, component.getType(), out);
            } else {
                out.put(key, component.getType());
            }
        }
    }

    private static Class<?> boxed(Class<?> type) {
        if (type == int.class) {
            return Integer.class;
        }
        if (type == double.class) {
            return Double.class;
        }
        if (type == boolean.class) {
            return Boolean.class;
        }
        return type;
    }
}
