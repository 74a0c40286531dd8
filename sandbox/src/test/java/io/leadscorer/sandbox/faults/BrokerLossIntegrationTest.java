package io.leadscorer.sandbox.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One broker of three stopped abruptly under load and started again, with a scorer process and the monitor process
 * running: both ride it out (nothing lost, nothing scored or counted twice), log what they do about it as WARN, not
 * ERROR, and then stop cleanly on SIGTERM, with no ERROR line in their logs from start to stop.
 */
class BrokerLossIntegrationTest {

    @Test
    void aBrokerStoppedUnderLoadLeavesNoErrorLineAndTheServicesStopCleanly(@TempDir Path work) throws Exception {
        ProcessFaultSuite.Report report = new ProcessFaultSuite(ProcessFaultSuite.Plan.brokerLoss(), work).run();
        System.out.print(report.summary());

        assertThat(report.injections()).as(report.summary()).singleElement()
                .satisfies(injection -> assertThat(injection.recoveryMs()).isNotNegative());
        assertThat(report.lost()).as(report.summary()).isZero();
        assertThat(report.duplicated()).as(report.summary()).isZero();
        assertThat(report.labelled()).as(report.summary()).isEqualTo(report.outcomesSent());
        assertThat(report.uncleanStops()).as(report.summary()).isEmpty();
        assertThat(report.errorLines()).as(report.summary()).isEmpty();
    }
}
