package io.leadscorer.trainer;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.leadscorer.model.testing.TinyBundles;
import io.leadscorer.simulator.csv.LeadCsv;
import io.leadscorer.trainer.data.CsvLeadReader;
import io.leadscorer.trainer.testing.TrainerProcess;
import io.leadscorer.trainer.testing.TrainerRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

/** The command's exit codes and messages for bad input and settings, and where its logging goes. */
class TrainerApplicationTest {
    @TempDir
    Path dir;

    @Test
    void anUnreadableDataFileFailsWithExitCodeTwoAndLeavesNothingInTheStore() {
        Path store = dir.resolve("store");

        TrainerRun run = TrainerRun.of("train", "--data", dir.resolve("absent.csv").toString(), "--store", store.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("error: cannot read").contains("absent.csv: no such file")
                .doesNotContain("\tat ");
        assertThat(run.out()).isEmpty();
        assertThat(store).doesNotExist();
    }

    @Test
    void aFileWithoutTheLabelColumnFailsWithExitCodeTwoInEveryCommandThatReadsLeads() throws IOException {
        List<String> header = new ArrayList<>(LeadCsv.HEADER);
        header.remove(LeadCsv.LABEL);
        Path data = Files.writeString(dir.resolve("unlabelled.csv"), String.join(",", header) + "\n");
        Path bundle = TinyBundles.create(dir.resolve("models")).dir();

        List<TrainerRun> runs = List.of(
                TrainerRun.of("train", "--data", data.toString(), "--store", dir.resolve("store").toString()),
                TrainerRun.of("evaluate", "--bundle", bundle.toString(), "--data", data.toString()),
                TrainerRun.of("baselines", "--data", data.toString(), "--test", data.toString()));

        assertThat(runs).allSatisfy(run -> {
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
            assertThat(run.err()).contains("unlabelled.csv has no 'is_converted' label column")
                    .contains(CsvLeadReader.GUIDE).doesNotContain("\tat ");
        });
    }

    @Test
    void aCsvWithOtherHeadersIsRefusedBeforeTraining() throws IOException {
        Path data = Files.writeString(dir.resolve("crm.csv"), "Lead ID,Company,Won\nL-1,Acme,true\n");
        Path store = dir.resolve("store");

        TrainerRun run = TrainerRun.of("train", "--data", data.toString(), "--store", store.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("error: " + data + " has none of the 28 lead columns")
                .contains("found Lead ID, Company, Won").contains(CsvLeadReader.GUIDE).doesNotContain("\tat ");
        assertThat(store).doesNotExist();
    }

    @Test
    void aFileWithOnlyRejectedRowsSaysSo() throws IOException {
        Path data = Files.writeString(dir.resolve("bad.csv"), String.join(",", LeadCsv.HEADER) + "\n1,2,3\n");

        TrainerRun run = TrainerRun.of("train", "--data", data.toString(), "--store", dir.resolve("store").toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("1 rows read, 0 used, 1 rejected (1 rows with a wrong field count)")
                .contains("line 2: 3 fields where the header has 29")
                .contains("has no usable rows");
    }

    @Test
    void anInvalidSettingFailsWithExitCodeTwoNamingIt() {
        TrainerRun run = TrainerRun.of("train", "--data", dir.resolve("absent.csv").toString(),
                "--store", dir.resolve("store").toString(), "--epochs", "0");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("error: invalid settings").contains("epochs").doesNotContain("\tat ");
    }

    @Test
    void aUsageErrorFailsWithExitCodeTwo() {
        TrainerRun run = TrainerRun.of("train", "--store", dir.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required option: '--data=CSV'");
    }

    @Test
    void environmentVariablesOverrideApplicationYmlAndFlagsOverrideThem() throws Exception {
        String missing = dir.resolve("absent.csv").toString();
        String store = dir.resolve("store").toString();

        Result fromEnvironment = runJvm(Map.of("TRAINER_OPTIMIZATION_EPOCHS", "0"), "train", "--data", missing, "--store", store);
        Result flagWins = runJvm(Map.of("TRAINER_OPTIMIZATION_EPOCHS", "0"), "train", "--data", missing, "--store", store,
                "--epochs", "2");

        // epochs 0 from the environment fails validation; with --epochs 2 the settings are fine and the run gets
        // as far as reading the (missing) data
        assertThat(fromEnvironment.exitCode()).as(fromEnvironment.output()).isEqualTo(2);
        assertThat(fromEnvironment.output()).contains("invalid settings").contains("epochs");
        assertThat(flagWins.exitCode()).as(flagWins.output()).isEqualTo(2);
        assertThat(flagWins.output()).contains("absent.csv: no such file").doesNotContain("invalid settings");
    }

    @Test
    void javaUtilLoggingGoesThroughSlf4jAtLogbacksLevels() {
        TrainerRun.of("--help");

        java.util.logging.Logger julRoot = java.util.logging.Logger.getLogger("");
        assertThat(SLF4JBridgeHandler.isInstalled()).isTrue();
        assertThat(julRoot.getHandlers()).extracting(Handler::getClass).containsExactly((Class) SLF4JBridgeHandler.class);

        Logger tribuo = (Logger) LoggerFactory.getLogger("org.tribuo.ensemble.BaggingTrainer");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        tribuo.addAppender(appender);
        try {
            java.util.logging.Logger jul = java.util.logging.Logger.getLogger("org.tribuo.ensemble.BaggingTrainer");
            jul.info("Building model 51");
            jul.warning("something Tribuo wants seen");
        } finally {
            tribuo.detachAppender(appender);
        }
        assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly("something Tribuo wants seen");
        assertThat(java.util.logging.Logger.getLogger("org.tribuo").isLoggable(Level.INFO)).isFalse();
    }

    private record Result(int exitCode, String output) {}

    private static Result runJvm(Map<String, String> environment, String... args) throws Exception {
        Process process = TrainerProcess.start(environment, List.of(args));
        byte[] output = process.getInputStream().readAllBytes();
        return new Result(process.waitFor(), new String(output, StandardCharsets.UTF_8));
    }
}
