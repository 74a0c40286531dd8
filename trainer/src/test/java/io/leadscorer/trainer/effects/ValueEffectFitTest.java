package io.leadscorer.trainer.effects;

import io.leadscorer.model.effects.EffectKeys;
import io.leadscorer.model.text.TextSpec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadscorer.model.effects.ValueEffects;
import io.leadscorer.model.text.LeadRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ValueEffectFitTest {
    private static final EffectKeys KEYS = new EffectKeys(TextSpec.defaults());

    private static final List<String> COLUMNS = List.of("customer_idx", "lead_owner");

    @Test
    void recoversTheEffectsOfCompaniesAndOwnersThatGeneratedTheLabels() {
        IdLeads data = new IdLeads(30_000, 500, 40, 1.5, 0.8, 1);
        ValueEffects effects = new ValueEffectFit(COLUMNS, KEYS, data.leads, data.offsets, data.labels).fit(new double[] {1.5, 0.8});

        List<double[]> companies = new ArrayList<>();
        for (int c = 0; c < data.companyEffects.length; c++) {
            if (data.companyRows[c] >= 40) {
                companies.add(new double[] {data.companyEffects[c], effect(effects, "customer_idx", c)});
            }
        }
        List<double[]> owners = new ArrayList<>();
        for (int o = 0; o < data.ownerEffects.length; o++) {
            owners.add(new double[] {data.ownerEffects[o], effect(effects, "lead_owner", o)});
        }
        assertThat(companies).hasSizeGreaterThan(50);
        assertThat(correlation(companies)).isGreaterThan(0.85);
        assertThat(correlation(owners)).isGreaterThan(0.85);
    }

    @Test
    void shrinksAValueWithFewRowsMoreAndLeavesUnseenAndMissingValuesAtZero() {
        List<LeadRecord> leads = new ArrayList<>();
        List<Boolean> labels = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            leads.add(company(1L));
            labels.add(true);
        }
        for (int i = 0; i < 40; i++) {
            leads.add(company(2L));
            labels.add(i % 2 == 0);
        }
        for (int i = 0; i < 40; i++) {
            leads.add(company(null));
            labels.add(false);
        }
        double[] offsets = new double[leads.size()];
        java.util.Arrays.fill(offsets, -2.0);
        boolean[] y = new boolean[labels.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = labels.get(i);
        }
        ValueEffects effects = new ValueEffectFit(List.of("customer_idx"), KEYS, leads, offsets, y).fit(new double[] {1.0});

        double few = effect(effects, "customer_idx", 1);
        double many = effect(effects, "customer_idx", 2);
        // both converted far above the offset's 12%; the one with 40 rows earns the larger effect
        assertThat(few).isPositive();
        assertThat(many).isGreaterThan(few);
        assertThat(effects.columns().get("customer_idx").effects()).containsOnlyKeys("1", "2");
        assertThat(effects.shift(company(3L), KEYS)).isZero();
        assertThat(effects.shift(company(null), KEYS)).isZero();

        ValueEffects none = new ValueEffectFit(List.of("customer_idx"), KEYS, leads, offsets, y).fit(new double[] {0});
        assertThat(none.columns().get("customer_idx").effects().values()).containsOnly(0.0);
    }

    @Test
    void aCrossedColumnRecoversAnInteractionThatNeitherOfItsPartsCarries() {
        Random random = new Random(5);
        double[][] interaction = new double[20][10];
        for (double[] row : interaction) {
            for (int a = 0; a < row.length; a++) {
                row[a] = 1.2 * random.nextGaussian();
            }
        }
        int count = 20_000;
        List<LeadRecord> leads = new ArrayList<>();
        double[] offsets = new double[count];
        boolean[] labels = new boolean[count];
        double[] truth = new double[count];
        for (int i = 0; i < count; i++) {
            int category = random.nextInt(20);
            int area = random.nextInt(10);
            leads.add(LeadRecord.ofCsv(Map.of("product_category", "c" + category, "business_area", "a" + area)));
            offsets[i] = -2 + random.nextGaussian();
            truth[i] = interaction[category][area];
            labels[i] = random.nextDouble() < 1 / (1 + Math.exp(-(offsets[i] + truth[i])));
        }
        String cross = "product_category*business_area";
        ValueEffects crossed = new ValueEffectFit(List.of(cross), KEYS, leads, offsets, labels).fit(new double[] {1.2});
        ValueEffects parts = new ValueEffectFit(List.of("product_category", "business_area"), KEYS, leads, offsets, labels)
                .fit(new double[] {1.2, 1.2});

        assertThat(crossed.columns().get(cross).effects()).hasSize(200).containsKey("c3 | a7");
        assertThat(correlation(truth, crossed.shifts(leads, KEYS))).isGreaterThan(0.85);
        assertThat(correlation(truth, parts.shifts(leads, KEYS))).isLessThan(0.5);
        assertThatThrownBy(() -> new ValueEffectFit(List.of("product_category*area"), KEYS, leads, offsets, labels))
                .hasMessageContaining("'area'");
    }

    @Test
    void theSameLeadsGiveTheSameEffects() {
        IdLeads data = new IdLeads(5_000, 200, 10, 1.0, 0.5, 2);
        ValueEffects first = new ValueEffectFit(COLUMNS, KEYS, data.leads, data.offsets, data.labels).fit(new double[] {1, 0.5});
        ValueEffects second = new ValueEffectFit(COLUMNS, KEYS, data.leads, data.offsets, data.labels).fit(new double[] {1, 0.5});
        assertThat(second).isEqualTo(first);
    }

    @Test
    void aFitsIndexedShiftsAreTheBundlesShiftsAndAOneColumnStepLeavesTheOtherColumnsAlone() {
        IdLeads data = new IdLeads(4_000, 100, 20, 1.0, 0.5, 7);
        IdLeads other = data.resample(500, 8);
        IdLeads unseen = new IdLeads(200, 1_000, 500, 1.0, 0.5, 9);
        List<LeadRecord> leads = new ArrayList<>(other.leads);
        leads.addAll(unseen.leads);
        ValueEffectFit fit = new ValueEffectFit(COLUMNS, KEYS, data.leads, data.offsets, data.labels);
        ValueEffectFit.Fitted fitted = fit.fitted(new double[] {1.0, 0.5});

        assertThat(ValueEffectFit.shifts(fitted, fit.index(leads))).containsExactly(fit.effects(fitted).shifts(leads, KEYS));
        assertThat(fit.effects(fitted)).isEqualTo(fit.fit(new double[] {1.0, 0.5}));

        ValueEffects stepped = fit.effects(fit.withColumn(fitted, 1, 2.0));
        assertThat(stepped.columns().get("customer_idx")).isEqualTo(fit.effects(fitted).columns().get("customer_idx"));
        assertThat(stepped.columns().get("lead_owner").priorSd()).isEqualTo(2.0);
        assertThat(stepped.columns().get("lead_owner").effects())
                .isNotEqualTo(fit.effects(fitted).columns().get("lead_owner").effects());
    }

    @Test
    void refusesMismatchedInputs() {
        IdLeads data = new IdLeads(100, 10, 2, 1, 1, 3);
        assertThatThrownBy(() -> new ValueEffectFit(COLUMNS, KEYS, data.leads, new double[3], data.labels))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 offsets");
        ValueEffectFit fit = new ValueEffectFit(COLUMNS, KEYS, data.leads, data.offsets, data.labels);
        assertThatThrownBy(() -> fit.fit(new double[] {1})).hasMessageContaining("1 prior standard deviations for 2 columns");
    }

    private static LeadRecord company(Long id) {
        return column -> column.equals("customer_idx") ? id : null;
    }

    private static double effect(ValueEffects effects, String column, long id) {
        Map<String, Double> values = effects.columns().get(column).effects();
        return values.getOrDefault(Long.toString(id), 0.0);
    }

    private static double correlation(double[] x, double[] y) {
        List<double[]> pairs = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            pairs.add(new double[] {x[i], y[i]});
        }
        return correlation(pairs);
    }

    private static double correlation(List<double[]> pairs) {
        double mx = 0, my = 0;
        for (double[] p : pairs) {
            mx += p[0];
            my += p[1];
        }
        mx /= pairs.size();
        my /= pairs.size();
        double sxy = 0, sxx = 0, syy = 0;
        for (double[] p : pairs) {
            sxy += (p[0] - mx) * (p[1] - my);
            sxx += (p[0] - mx) * (p[0] - mx);
            syy += (p[1] - my) * (p[1] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }
}
