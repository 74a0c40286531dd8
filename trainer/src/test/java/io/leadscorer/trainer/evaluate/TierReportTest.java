package io.leadscorer.trainer.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.leadscorer.model.tiers.ScoreTiers;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TierReportTest {

    /** 20 leads at 0.025, 0.075, ..., 0.975; the top 2 and the 10th from the top converted. */
    private static final float[] PROBABILITIES = new float[20];
    private static final boolean[] CONVERTED = new boolean[20];

    static {
        for (int i = 0; i < 20; i++) {
            PROBABILITIES[i] = (i + 0.5f) / 20;
            CONVERTED[i] = i >= 18 || i == 10;
        }
    }

    @Test
    void countsEachTiersLeadsConversionsAndLiftOverTheBaseRate() {
        ScoreTiers tiers = ScoreTiers.fit(new double[] {0.1, 0.6, 0.9, 0.95}, new boolean[4], List.of(0.5, 0.5), 11);

        TierReport report = TierReport.of(CONVERTED, PROBABILITIES, Optional.of(tiers));

        assertThat(report.baseRate()).isEqualTo(0.15);
        assertThat(report.tiers()).extracting(TierReport.TierRow::tier).containsExactly("A", "B");
        // tier A starts at 0.9: 0.925 and 0.975 (both converted)
        assertThat(report.tiers().get(0).leads()).isEqualTo(2);
        assertThat(report.tiers().get(0).conversionRate()).isEqualTo(1.0);
        assertThat(report.tiers().get(0).lift()).isCloseTo(1 / 0.15, within(1e-12));
        assertThat(report.tiers().get(1).leads()).isEqualTo(18);
        assertThat(report.tiers().get(1).conversions()).isEqualTo(1);
    }

    @Test
    void precisionOfTheTopLeadsNeedsNoTiers() {
        TierReport report = TierReport.of(CONVERTED, PROBABILITIES, Optional.empty());

        assertThat(report.tiers()).isEmpty();
        assertThat(report.precisionAtTop()).containsExactly(
                java.util.Map.entry("5%", 1.0), java.util.Map.entry("10%", 1.0), java.util.Map.entry("20%", 0.5));
        assertThat(report.asMap()).containsKeys("base_rate", "tiers", "precision_at_top");
    }
}
