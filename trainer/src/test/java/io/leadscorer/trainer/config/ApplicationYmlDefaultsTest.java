package io.leadscorer.trainer.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadscorer.avro.RolloutMetric;
import io.leadscorer.avro.RolloutPolicy;
import io.leadscorer.schemas.testing.ApplicationYml;
import io.leadscorer.schemas.testing.EmptyEnvironmentSettings;
import io.leadscorer.trainer.TrainerApplication;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

/**
 * The trainer's application.yml with no environment: resolved in a JVM started with an empty environment, every
 * setting is the value the file shows; and in a context without the environment property source the publish
 * settings bind to them.
 */
class ApplicationYmlDefaultsTest {

    private ApplicationContext context;

    @BeforeEach
    void startContextWithoutVariables() {
        context = ApplicationContext.builder(TrainerApplication.class, Environment.CLI)
                .deduceEnvironment(false)
                .environmentPropertySource(false)
                .start();
    }

    @AfterEach
    void close() {
        context.close();
    }

    @Test
    void everySettingResolvesToTheValueTheFileShows() {
        ApplicationYml yml = ApplicationYml.fromClassPath();
        Map<String, String> resolved = EmptyEnvironmentSettings.resolve();
        assertThat(resolved).containsOnlyKeys(yml.settings().keySet())
                .containsEntry("trainer.publish.bootstrap", "localhost:9092")
                .containsEntry("trainer.text.coarse-columns", "lead_desc_length,com_reg_ver_win_rate");
        SoftAssertions softly = new SoftAssertions();
        for (ApplicationYml.Setting setting : yml.settings().values()) {
            softly.assertThat(resolved.get(setting.key()))
                    .as("%s: %s", setting.key(), setting.written())
                    .isEqualTo(setting.shownDefault());
        }
        softly.assertAll();
    }

    @Test
    void publishSettingsBindTheDefaults() {
        PublishSettings publish = context.getBean(PublishSettings.class);
        assertThat(publish.bootstrap()).isEqualTo("localhost:9092");
        assertThat(publish.registryUrl()).isEqualTo("http://localhost:8081");
        assertThat(publish.controlTopic()).isEqualTo("lead-scorer.control");
        assertThat(publish.rollout().policy()).isEqualTo(RolloutPolicy.newBuilder().setMetric(RolloutMetric.LOG_LOSS)
                .setMinLabelled(300).setMinPositives(30).setMargin(0.002).setConfidence(0.95)
                .setMaxShadowMs(Duration.ofHours(24).toMillis()).setGuardMs(Duration.ofHours(1).toMillis())
                .setPsiAlarm(0.25).setErrorRateAlarm(0.02).build());
    }
}
