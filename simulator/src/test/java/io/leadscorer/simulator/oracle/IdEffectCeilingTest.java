package io.leadscorer.simulator.oracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IdEffectCeilingTest {

    private static final int COMPANIES = 20;
    private static final double COMPANY_WEIGHT = 2.4;

    /** Every company's quality, standard normal, drawn once for a test. */
    private static double[] qualities(SplittableRandom random) {
        double[] quality = new double[COMPANIES];
        for (int c = 0; c < COMPANIES; c++) {
            quality[c] = gaussian(random);
        }
        return quality;
    }

    /** Leads of the companies in turn: rest log-odds around -3, label drawn from the true probability. */
    private static List<CeilingLead> leads(SplittableRandom random, double[] quality, int rows, double weight) {
        List<CeilingLead> leads = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            int company = i % COMPANIES;
            double rest = -3 + gaussian(random);
            double probability = 1 / (1 + Math.exp(-(rest + weight * quality[company])));
            leads.add(new CeilingLead(random.nextDouble() < probability, probability, rest, company, weight, -1, 0, null, null));
        }
        return leads;
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    @Test
    void withManyTrainingRowsPerCompanyTheCeilingApproachesTheOracle() {
        SplittableRandom random = new SplittableRandom(11);
        double[] quality = qualities(random);

        CeilingReport report = IdEffectCeiling.of(leads(random, quality, 20_000, COMPANY_WEIGHT),
                leads(random, quality, 10_000, COMPANY_WEIGHT));

        assertThat(report.labelsF1()).isCloseTo(report.oracleF1(), within(0.01));
        assertThat(report.oracleF1() - report.noIdEffectF1()).isGreaterThan(0.05);
        assertThat(report.testShareOfTrainedCompany()).isEqualTo(1.0);
    }

    @Test
    void withFewTrainingRowsPerCompanyTheCeilingFallsBetweenTheFormulaWithoutIdsAndTheOracle() {
        SplittableRandom random = new SplittableRandom(12);
        double[] quality = qualities(random);

        CeilingReport report = IdEffectCeiling.of(leads(random, quality, 60, COMPANY_WEIGHT),
                leads(random, quality, 10_000, COMPANY_WEIGHT));

        assertThat(report.labelsF1()).isLessThan(report.oracleF1() - 0.01).isGreaterThan(report.noIdEffectF1());
    }

    @Test
    void withoutTrainingRowsEveryCompanyGetsThePriorMean() {
        SplittableRandom random = new SplittableRandom(13);
        double[] quality = qualities(random);

        CeilingReport report = IdEffectCeiling.of(List.of(), leads(random, quality, 5_000, COMPANY_WEIGHT));

        assertThat(report.labelsF1()).isEqualTo(report.noIdEffectF1());
        assertThat(report.testShareOfTrainedCompany()).isZero();
    }

    @Test
    void withoutACompanyEffectTheCeilingIsTheFormulaWithoutIdEffects() {
        SplittableRandom random = new SplittableRandom(14);
        double[] quality = qualities(random);

        CeilingReport report = IdEffectCeiling.of(leads(random, quality, 5_000, 0), leads(random, quality, 5_000, 0));

        assertThat(report.labelsF1()).isEqualTo(report.noIdEffectF1()).isEqualTo(report.oracleF1());
        assertThat(report.labelsAndHistoryF1()).isEqualTo(report.oracleF1());
    }
}
