package io.leadscorer.trainer.config;

import io.leadscorer.schemas.testing.ApplicationYml;
import io.leadscorer.trainer.data.CsvLeadReader;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/TRAINING.md's table of the trainer's settings is the one application.yml gives: every trainer.* setting, its
 * environment variable and default. On a mismatch the message holds the table to paste.
 */
class TrainingGuideSettingsTableTest {

    static final String BEGIN = "<!-- trainer-settings:begin (generated from trainer/src/main/resources/application.yml; TrainingGuideSettingsTableTest checks it) -->";
    static final String END = "<!-- trainer-settings:end -->";

    /** The guide, from the trainer module's directory (where the tests run). */
    private static final Path GUIDE = Path.of("..").resolve(CsvLeadReader.GUIDE);

    @Test
    void theTrainerTableMatchesApplicationYml() throws IOException {
        String guide = Files.readString(GUIDE);
        String expected = ApplicationYml.fromClassPath().markdownTable(key -> key.startsWith("trainer."));
        assertThat(guide).contains(BEGIN).contains(END);
        String actual = guide.substring(guide.indexOf(BEGIN) + BEGIN.length(), guide.indexOf(END)).strip();
        assertThat(actual).as("%s's trainer settings; expected table:%n%s", CsvLeadReader.GUIDE, expected)
                .isEqualTo(expected);
    }
}
