package io.leadscorer.scorer.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault suite at test size: one stream-thread crash, one instance crash, a broker restart (3 s down), three model
 * swaps by control command and a short registry outage under load, with the poison corpus before each: nothing lost,
 * nothing scored twice, every poison record in the DLQ with its reason, no good lead in the DLQ, input paused while
 * the registry was out, one model generation open between swaps. The full run is {@link ReliabilityBenchmark}.
 */
class FaultSuiteIntegrationTest {

    @Test
    void nothingLostNothingDuplicatedEveryPoisonRecordDeadLetteredWithItsReason(@TempDir Path work) throws Exception {
        FaultSuite.Report report = new FaultSuite(new FaultSuite.Plan(2, 1, Duration.ofSeconds(3), 3,
                Duration.ofSeconds(4), 40, Duration.ofMillis(500), true),
                work).run();

        assertThat(report.lost()).as(report.summary()).isZero();
        assertThat(report.duplicateScores()).as(report.summary()).isZero();
        assertThat(report.goodInDlq()).as(report.summary()).isZero();
        assertThat(report.poisonMisrouted()).as(report.summary()).isEmpty();
        assertThat(report.producedPoisonByKind()).as(report.summary()).hasSizeGreaterThanOrEqualTo(14);
        assertThat(report.scoredDistinct()).as(report.summary()).isEqualTo(report.producedGood());
        assertThat(report.pausedDuringOutage()).as(report.summary()).isTrue();
        assertThat(report.deadLettersDuringOutage()).as(report.summary()).isZero();
        assertThat(report.recoveryMs()).as(report.summary()).containsOnlyKeys(FaultSuite.Fault.values());
        assertThat(report.swaps().toActiveMs()).as(report.summary()).hasSize(3);
        assertThat(report.swaps().mostOpenGenerations()).as(report.summary()).isEqualTo(1);
        assertThat(report.swaps().openGenerationsAtEnd()).as(report.summary()).isEqualTo(1);
    }
}
