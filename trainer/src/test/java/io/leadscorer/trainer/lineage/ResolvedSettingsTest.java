package io.leadscorer.trainer.lineage;

import io.leadscorer.schemas.testing.ApplicationYml;
import io.leadscorer.trainer.TrainerApplication;
import io.leadscorer.trainer.cli.CliOverrides;
import io.leadscorer.trainer.config.TrainingSettings;
import io.micronaut.context.ApplicationContext;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The settings a bundle's lineage records: every training setting of application.yml, with the value in effect. */
class ResolvedSettingsTest {

    @Test
    void namesEveryTrainingSettingOfTheFileWithItsDefaultOrItsOverride() {
        Map<String, String> resolved;
        try (ApplicationContext context = TrainerApplication.context(CliOverrides.parse(new String[] {"train",
                "--data", "x.csv", "--store", "s", "--epochs", "6", "--optimizer", "adamw",
                "--set", "trainer.text.id-rate-columns=customer_idx,lead_owner"}))) {
            resolved = ResolvedSettings.of(context.getBean(TrainingSettings.class));
        }

        List<String> trainingKeys = ApplicationYml.fromClassPath().settings().keySet().stream()
                .filter(key -> key.startsWith("trainer.") && !key.startsWith("trainer.publish.")
                        && !key.startsWith("trainer.baselines."))
                .toList();
        assertThat(resolved.keySet()).containsExactlyInAnyOrderElementsOf(trainingKeys);
        assertThat(resolved)
                .containsEntry("trainer.optimization.epochs", "6")
                .containsEntry("trainer.optimization.optimizer", "adamw")
                .containsEntry("trainer.text.id-rate-columns", "customer_idx,lead_owner")
                .containsEntry("trainer.optimization.decay", "linear")
                .containsEntry("trainer.tiers.shares", "0.1,0.2,0.3,0.4");
        SoftAssertions softly = new SoftAssertions();
        for (ApplicationYml.Setting setting : ApplicationYml.fromClassPath().settings().values()) {
            String value = resolved.get(setting.key());
            if (value == null || List.of("trainer.optimization.epochs", "trainer.optimization.optimizer",
                    "trainer.text.id-rate-columns").contains(setting.key())) {
                continue;
            }
            softly.assertThat(sameValue(value, setting.shownDefault())).as("%s: %s, the file shows %s",
                    setting.key(), value, setting.shownDefault()).isTrue();
        }
        softly.assertAll();
    }

    /** Equal as text, or as numbers where the file writes 20 for the double 20.0. */
    private static boolean sameValue(String resolved, String shown) {
        if (resolved.equals(shown)) {
            return true;
        }
        try {
            return Double.parseDouble(resolved) == Double.parseDouble(shown);
        } catch (NumberFormatException notNumbers) {
            return false;
        }
    }
}
