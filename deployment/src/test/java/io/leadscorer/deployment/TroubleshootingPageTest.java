package io.leadscorer.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/TROUBLESHOOTING.md names every dead-letter reason of the scorer and the monitor, every cause for which the
 * scorer holds leads and every outcome of a model command, as the code spells them (read from the sources: this module
 * does not load the services' classes).
 */
class TroubleshootingPageTest {

    private static String source(String path) throws IOException {
        return Files.readString(Project.file(path));
    }

    /** The constants of an enum in a source file, up to the first semicolon after its opening brace. */
    private static List<String> enumConstants(String source, String enumName) {
        int start = source.indexOf("enum " + enumName);
        assertThat(start).as("enum %s", enumName).isNotNegative();
        String body = source.substring(source.indexOf('{', start) + 1).replaceAll("(?s)/\\*.*?\\*/", "")
                .replaceAll("//.*", "").replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"");
        body = body.substring(0, body.indexOf(';')).replaceAll("(?s)\\([^)]*\\)", "");
        List<String> constants = new ArrayList<>();
        for (String part : body.split(",")) {
            if (!part.isBlank()) {
                constants.add(part.trim());
            }
        }
        return constants;
    }

    private static List<String> quotedArguments(String source, String call) {
        List<String> found = new ArrayList<>();
        Matcher matcher = Pattern.compile(Pattern.quote(call) + "\"([a-z_]+)\"").matcher(source);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    @Test
    void everyScorerDeadLetterReasonIsExplained() throws IOException {
        String page = source("docs/TROUBLESHOOTING.md");
        List<String> reasons = enumConstants(source("scorer/src/main/java/io/leadscorer/scorer/dlq/DeadLetterReason.java"),
                "DeadLetterReason");
        assertThat(reasons).hasSizeGreaterThanOrEqualTo(8);
        for (String reason : reasons) {
            assertThat(page).as("dead-letter reason %s", reason).contains("| `" + reason.toLowerCase(Locale.ROOT) + "` |");
        }
    }

    @Test
    void everyMonitorDeadLetterReasonIsExplained() throws IOException {
        String page = source("docs/TROUBLESHOOTING.md");
        List<String> reasons = quotedArguments(source("monitor/src/main/java/io/leadscorer/monitor/label/LabelJoinProcessor.java"),
                "deadLetter(record, kind, ");
        assertThat(reasons).contains("undecodable", "missing_lead_id");
        for (String kind : List.of("score", "outcome")) {
            for (String reason : reasons) {
                assertThat(page).as("monitor dead-letter reason %s_%s", kind, reason).contains("| `" + kind + "_" + reason + "` |");
            }
        }
    }

    @Test
    void everyHoldCauseAndModelCommandOutcomeIsExplained() throws IOException {
        String page = source("docs/TROUBLESHOOTING.md");
        List<String> causes = enumConstants(source("scorer/src/main/java/io/leadscorer/scorer/batch/BufferControl.java"), "HoldCause");
        assertThat(causes).contains("REGISTRY_UNAVAILABLE");
        causes.forEach(cause -> assertThat(page).as("hold cause %s", cause).contains("| `" + cause + "` |"));
        List<String> outcomes = quotedArguments(source("scorer/src/main/java/io/leadscorer/scorer/control/ModelDeployer.java"),
                "metrics.modelCommand(");
        assertThat(outcomes).contains("rejected");
        outcomes.forEach(outcome -> assertThat(page).as("model command outcome %s", outcome).contains("`" + outcome + "`"));
    }
}
