package io.leadscorer.sandbox.benchmark.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import java.util.function.LongToDoubleFunction;
import org.junit.jupiter.api.Test;

class SoakReportTest {

    private static final long DURATION = 1800;
    private static final double OFFERED = 1000;
    private static final SoakReport.ExactlyOnce CLEAN = new SoakReport.ExactlyOnce(1000, 0, 1000, 0, 0);

    @Test
    void growthIsJudgedFromAThirdOfTheDurationToItsEnd() {
        // resident memory climbs 1 MiB a minute from 500 MiB: 510 over minute 10, 529.5 over minute 30
        List<SoakSample> samples = samples(t -> footprint(500 * 1024 + t / 60 * 1024, 64, 100), t -> OFFERED);
        SoakWindow window = new SoakWindow(samples, DURATION);

        assertThat(window.atStart(s -> s.footprint().rssKib() / 1024.0)).isCloseTo(510.0, within(0.01));
        assertThat(window.atEnd(s -> s.footprint().rssKib() / 1024.0)).isCloseTo(529.5, within(0.01));
        assertThat(window.growthPercent(s -> s.footprint().rssKib())).isCloseTo(3.82, within(0.01));
    }

    @Test
    void steadyProcessMeetsEveryGoal() {
        List<SoakSample> samples = samples(t -> footprint(500 * 1024 + (t / 30 % 2) * 2048, 60 + (int) (t / 30 % 3), 100),
                t -> OFFERED * (t / 30 % 2 == 0 ? 1.02 : 0.98));

        assertThat(new SoakReport(samples, DURATION, OFFERED, CLEAN).met()).isTrue();
    }

    @Test
    void residentGrowthAboveFivePerCentIsMissed() {
        List<SoakSample> samples = samples(t -> footprint(500 * 1024 + t * 40, 64, 100), t -> OFFERED);
        SoakReport report = new SoakReport(samples, DURATION, OFFERED, CLEAN);

        assertThat(report.met()).isFalse();
        assertThat(report.table()).containsPattern("resident memory \\(VmRSS\\), MiB \\|.*\\| missed \\|");
    }

    @Test
    void openFilesThatKeepClimbingAreMissed() {
        List<SoakSample> samples = samples(t -> footprint(500 * 1024, 64 + (int) (t / 120), 100), t -> OFFERED);
        SoakReport report = new SoakReport(samples, DURATION, OFFERED, CLEAN);

        assertThat(report.met()).isFalse();
        assertThat(report.table()).containsPattern("\\| open files \\|.*\\| missed \\|");
    }

    @Test
    void throughputFallingBehindTheOfferedRateIsMissed() {
        List<SoakSample> samples = samples(t -> footprint(500 * 1024, 64, 100), t -> t > 1500 ? OFFERED * 0.8 : OFFERED);

        assertThat(new SoakReport(samples, DURATION, OFFERED, CLEAN).met()).isFalse();
    }

    @Test
    void aLostOrDuplicatedLeadIsMissed() {
        List<SoakSample> samples = samples(t -> footprint(500 * 1024, 64, 100), t -> OFFERED);

        assertThat(new SoakReport(samples, DURATION, OFFERED, new SoakReport.ExactlyOnce(1000, 0, 999, 1, 0)).met())
                .isFalse();
        assertThat(new SoakReport(samples, DURATION, OFFERED, new SoakReport.ExactlyOnce(1000, 0, 1000, 0, 2)).met())
                .isFalse();
    }

    /** One scorer sampled every 30 s from 0 to the duration. */
    private static List<SoakSample> samples(LongFunction<ProcessFootprint> footprint,
                                            LongToDoubleFunction fleetRate) {
        List<SoakSample> samples = new ArrayList<>();
        for (long t = 0; t <= DURATION; t += 30) {
            samples.add(new SoakSample(t, "scorer-0", 1, footprint.apply(t), OFFERED, 1, fleetRate.applyAsDouble(t), 5,
                    (int) (t / 300)));
        }
        return samples;
    }

    private static ProcessFootprint footprint(long rssKib, int openFiles, int threads) {
        return new ProcessFootprint(rssKib, rssKib / 2, 256 * 1024, rssKib - 100 * 1024, openFiles, threads);
    }
}
