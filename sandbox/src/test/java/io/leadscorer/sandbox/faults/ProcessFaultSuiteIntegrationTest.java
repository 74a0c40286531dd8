package io.leadscorer.sandbox.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The process fault suite at test size: three scorer processes and a monitor process, one scorer SIGKILLed while a
 * hot swap is taken up and the monitor SIGKILLed under load, each started again: every lead scored exactly once,
 * every outcome counted exactly once, the fleet on the swapped model at the end. The full run is
 * {@link ProcessFaultSuite#main}.
 */
class ProcessFaultSuiteIntegrationTest {

    @Test
    void killedScorersAndMonitorNeitherLoseNorDuplicateAScoreOrAnOutcome(@TempDir Path work) throws Exception {
        ProcessFaultSuite.Report report = new ProcessFaultSuite(ProcessFaultSuite.Plan.small(), work).run();
        System.out.print(report.summary());

        assertThat(report.injections()).as(report.summary()).hasSize(2)
                .allSatisfy(injection -> assertThat(injection.recoveryMs()).isNotNegative());
        assertThat(report.produced()).as(report.summary()).isPositive();
        assertThat(report.lost()).as(report.summary()).isZero();
        assertThat(report.duplicated()).as(report.summary()).isZero();
        assertThat(report.scoredDistinct()).as(report.summary()).isEqualTo(report.produced());
        assertThat(report.outcomesSent()).as(report.summary()).isEqualTo(report.produced());
        assertThat(report.labelled()).as(report.summary()).isEqualTo(report.outcomesSent());
        assertThat(report.lastLeadModel()).as(report.summary()).isEqualTo(report.swappedTo());
    }
}
