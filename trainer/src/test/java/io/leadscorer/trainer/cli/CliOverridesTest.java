package io.leadscorer.trainer.cli;

import io.leadscorer.avro.RolloutMetric;
import io.leadscorer.trainer.TrainerApplication;
import io.leadscorer.trainer.config.PublishSettings;
import io.leadscorer.trainer.config.TrainingSettings;
import io.leadscorer.trainer.data.InputException;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where each setting comes from: application.yml, then a --config file, then --set and flags on top. */
class CliOverridesTest {
    @TempDir
    Path dir;

    private static TrainingSettings settings(String... args) {
        try (ApplicationContext context = TrainerApplication.context(CliOverrides.parse(args))) {
            return context.getBean(TrainingSettings.class);
        }
    }

    @Test
    void applicationYmlGivesEveryDefault() {
        TrainingSettings settings = settings("train", "--data", "x.csv", "--store", "s");

        assertThat(settings.seed()).isEqualTo(42);
        assertThat(settings.augment().copies()).isZero();
        assertThat(settings.augment().missingRate()).isEqualTo(0.2);
        assertThat(settings.text().coarseColumns()).containsExactly("lead_desc_length", "com_reg_ver_win_rate");
        assertThat(settings.text().coarseDigits()).isEqualTo(2);
        assertThat(settings.optimization().tokenDropout()).isEqualTo(0.15);
        assertThat(settings.prune().columns()).isEqualTo(5);
        assertThat(settings.optimization().optimizer()).isEqualTo(TrainingSettings.OptimizerKind.SAM);
        assertThat(settings.optimization().rho()).isEqualTo(0.05);
        assertThat(settings.positiveStage().epochs()).isEqualTo(1);
    }

    @Test
    void aConfigFileOverridesApplicationYml() throws IOException {
        Path config = Files.writeString(dir.resolve("trainer.yml"), """
                trainer:
                  seed: 5
                  optimization:
                    epochs: 7
                    optimizer: asam
                """);

        TrainingSettings settings = settings("train", "--data", "x.csv", "--store", "s", "--config", config.toString());

        assertThat(settings.seed()).isEqualTo(5);
        assertThat(settings.optimization().epochs()).isEqualTo(7);
        assertThat(settings.optimization().optimizer()).isEqualTo(TrainingSettings.OptimizerKind.ASAM);
        assertThat(settings.optimization().rho()).isEqualTo(0.05);
    }

    @Test
    void flagsAndSetOverrideTheConfigFile() throws IOException {
        Path config = Files.writeString(dir.resolve("trainer.yml"), "trainer:\n  optimization:\n    epochs: 7\n    rho: 0.2\n");

        TrainingSettings settings = settings("train", "--data", "x.csv", "--store", "s", "--config", config.toString(),
                "--epochs", "9", "--set", "trainer.optimization.rho=0.1", "--positive-stage-epochs", "0",
                "--augment-copies", "0");

        assertThat(settings.optimization().epochs()).isEqualTo(9);
        assertThat(settings.optimization().rho()).isEqualTo(0.1);
        assertThat(settings.positiveStage().epochs()).isZero();
        assertThat(settings.augment().copies()).isZero();
    }

    @Test
    void publishFlagsReachThePublishSettings() {
        try (ApplicationContext context = TrainerApplication.context(CliOverrides.parse(new String[] {
                "train", "--data", "x.csv", "--store", "s", "--publish", "--bootstrap", "kafka:9093",
                "--registry", "mock://here", "--control-topic", "control"}))) {
            PublishSettings publish = context.getBean(PublishSettings.class);

            assertThat(publish.bootstrap()).isEqualTo("kafka:9093");
            assertThat(publish.registryUrl()).isEqualTo("mock://here");
            assertThat(publish.controlTopic()).isEqualTo("control");
        }
    }

    @Test
    void rolloutFlagsReachThePolicyTheCommandsCarry() {
        try (ApplicationContext context = TrainerApplication.context(CliOverrides.parse(new String[] {
                "shadow", "--bundle", "b", "--metric", "AUC", "--margin", "0.01", "--max-shadow", "3d",
                "--guard", "0s", "--requested-by", "alice"}))) {
            PublishSettings publish = context.getBean(PublishSettings.class);

            assertThat(publish.rollout().policy().getMetric()).isEqualTo(RolloutMetric.AUC);
            assertThat(publish.rollout().policy().getMargin()).isEqualTo(0.01);
            assertThat(publish.rollout().policy().getMaxShadowMs()).isEqualTo(Duration.ofDays(3).toMillis());
            assertThat(publish.rollout().policy().getGuardMs()).isZero();
            assertThat(publish.rollout().policy().getMinLabelled()).isEqualTo(300);
            assertThat(publish.requestedBy()).isEqualTo("alice");
        }
    }

    @Test
    void publishSecretsComeFromAConfigFileAndUnsetEnvironmentVariablesDropOut() throws IOException {
        Path config = Files.writeString(dir.resolve("secrets.yml"), """
                trainer:
                  publish:
                    properties:
                      security.protocol: SASL_SSL
                      sasl.jaas.config: org.apache.kafka.common.security.scram.ScramLoginModule required username="t" password="p";
                      basic.auth.user.info: trainer:registry-secret
                """);
        try (ApplicationContext context = TrainerApplication.context(CliOverrides.parse(new String[] {
                "train", "--data", "x.csv", "--store", "s", "--config", config.toString()}))) {
            Map<String, String> properties = context.getBean(PublishSettings.class).extraProperties();

            assertThat(properties).containsEntry("security.protocol", "SASL_SSL")
                    .containsEntry("basic.auth.user.info", "trainer:registry-secret")
                    .containsKey("sasl.jaas.config")
                    .as("settings whose environment variable is unset").doesNotContainKeys("ssl.keystore.password",
                            "schema.registry.ssl.keystore.location", "basic.auth.allow.http");
        }
    }

    @Test
    void aMissingConfigFileIsAClearError() {
        assertThatThrownBy(() -> CliOverrides.parse(new String[] {"train", "--data", "x.csv", "--store", "s",
                "--config", dir.resolve("nope.yml").toString()}))
                .isInstanceOf(InputException.class).hasMessageContaining("nope.yml: no such file");
    }
}
