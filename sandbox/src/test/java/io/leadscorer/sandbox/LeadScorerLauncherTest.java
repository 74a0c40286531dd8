package io.leadscorer.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadscorer.trainer.cli.TrainerCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every trainer command reaches the trainer through {@code ./lead-scorer}: the launcher dispatches it, its usage
 * lists it, and the script runs it without the SCORER_* variables that would load the scorer's beans.
 */
class LeadScorerLauncherTest {

    private static final Pattern SCRIPT_CASE = Pattern.compile("(?m)^\\s*(train\\|[a-z|-]+)\\)\\s*$");

    @Test
    void everyTrainerCommandIsDispatchedListedAndRunWithoutScorerSettings() throws IOException {
        List<String> trainerCommands = List.copyOf(new CommandLine(TrainerCommand.class).getSubcommands().keySet());

        assertThat(LeadScorerLauncher.TRAINER_COMMANDS).containsExactlyInAnyOrderElementsOf(trainerCommands);
        assertThat(trainerCommands).allSatisfy(command ->
                assertThat(LeadScorerLauncher.USAGE).containsPattern("(?m)^ +" + command + " "));
        Matcher unsetting = SCRIPT_CASE.matcher(Files.readString(Path.of("..", "lead-scorer")));
        assertThat(unsetting.find()).as("the script's case of commands run without SCORER_* variables").isTrue();
        assertThat(List.of(unsetting.group(1).split("\\|"))).containsAll(trainerCommands);
    }
}
