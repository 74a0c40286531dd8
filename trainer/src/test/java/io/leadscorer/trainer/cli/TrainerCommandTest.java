package io.leadscorer.trainer.cli;

import io.leadscorer.model.text.LeadColumns;
import io.leadscorer.schemas.testing.ApplicationYml;
import io.leadscorer.trainer.data.CsvLeadReader;
import io.leadscorer.trainer.testing.TrainerRun;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.lang.reflect.Field;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * `--help` of every trainer command, run in-process as a user runs it: each option that has a default shows it
 * (application.yml's value for a settings flag, the annotation's for the others), every settings flag names a
 * setting application.yml has, and `train` says what its CSV must hold.
 */
class TrainerCommandTest {
    /** The first line of an option in the usage help: its names start in the options column. */
    private static final Pattern OPTION_LINE = Pattern.compile("^ {2}(-\\w, |    )--.*");

    private final CommandLine trainer = new CommandLine(TrainerCommand.class);

    @Test
    void everyOptionWithADefaultShowsItInItsHelpLine() {
        assertThat(trainer.getSubcommands().keySet())
                .containsExactlyInAnyOrder("train", "evaluate", "baselines", "deploy", "shadow", "promote", "end-shadow",
                        "rollback", "status", "models");
        SoftAssertions softly = new SoftAssertions();
        for (Map.Entry<String, CommandLine> command : trainer.getSubcommands().entrySet()) {
            TrainerRun run = TrainerRun.of(command.getKey(), "--help");
            assertThat(run.exitCode()).as(run.toString()).isZero();
            Map<String, String> help = optionHelp(run.out());
            int withDefault = 0;
            for (OptionSpec option : command.getValue().getCommandSpec().options()) {
                String value = defaultOf(command.getValue(), option);
                if (value == null || option.arity().max() == 0) {
                    continue;
                }
                withDefault++;
                softly.assertThat(help.get(option.longestName()))
                        .as("`%s --help`, %s (default %s)", command.getKey(), option.longestName(), value)
                        .isNotNull()
                        .satisfies(text -> assertThat(squeezed(text)).contains(squeezed("default " + value)));
            }
            softly.assertThat(withDefault).as("options of %s with a default", command.getKey()).isPositive();
        }
        softly.assertAll();
    }

    @Test
    void everySettingsFlagNamesASettingOfApplicationYml() {
        Map<String, ApplicationYml.Setting> settings = ApplicationYml.fromClassPath().settings();
        SoftAssertions softly = new SoftAssertions();
        for (CommandLine command : trainer.getSubcommands().values()) {
            for (OptionSpec option : command.getCommandSpec().options()) {
                if (option.userObject() instanceof Field field && field.getAnnotation(Setting.class) != null) {
                    softly.assertThat(settings).as(option.longestName()).containsKey(field.getAnnotation(Setting.class).value());
                }
            }
        }
        softly.assertAll();
    }

    @Test
    void trainSaysWhatItsCsvMustHoldAndWhereTheGuideIs() {
        String help = TrainerRun.of("train", "--help").out().replaceAll("\\s+", " ");

        assertThat(help).contains(LeadColumns.ALL.size() + " lead columns")
                .contains("bant_submit").contains("customer_country.1").contains("lead_owner")
                .contains("label " + LeadColumns.LABEL)
                .contains(CsvLeadReader.GUIDE)
                .doesNotContain("competition");
    }

    /** The annotation's default, else the command's default provider's (application.yml's for a settings flag). */
    private static String defaultOf(CommandLine command, OptionSpec option) {
        if (option.defaultValue() != null) {
            return option.defaultValue();
        }
        CommandLine.IDefaultValueProvider provider = command.getCommandSpec().defaultValueProvider();
        try {
            return provider == null ? null : provider.defaultValue(option);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Each option's lines of a usage help (its first line and the wrapped rest), by the option's longest name. */
    private static Map<String, String> optionHelp(String usage) {
        Map<String, String> byName = new LinkedHashMap<>();
        String name = null;
        for (String line : usage.split("\\R")) {
            if (OPTION_LINE.matcher(line).matches()) {
                String names = line.strip().split("\\s{2,}")[0];
                String longest = names.substring(names.lastIndexOf("--")).split("[=\\s\\[]")[0];
                name = longest;
                byName.put(name, line);
            } else if (name != null) {
                byName.merge(name, line, (text, more) -> text + "\n" + more);
            }
        }
        return byName;
    }

    /** Text with its line breaks and indentation undone (a long default wraps across lines). */
    private static String squeezed(String text) {
        return text.replaceAll("\\s+", "");
    }
}
