package io.leadscorer.trainer.effects;

import io.leadscorer.model.text.LeadRecord;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Labelled leads drawn from the model the value effects assume: log-odds = offset + company effect + owner effect, with
 * Zipf-distributed rows per company and normal effects of known standard deviations, so a test can compare what is
 * estimated with what generated the labels.
 */
final class IdLeads {
    final List<LeadRecord> leads = new ArrayList<>();
    final double[] offsets;
    final boolean[] labels;
    final double[] companyEffects;
    final double[] ownerEffects;
    final int[] companyRows;

    IdLeads(int count, int companies, int owners, double companySd, double ownerSd, long seed) {
        this(count, normals(new Random(seed), companies, companySd), normals(new Random(seed + 1), owners, ownerSd),
                seed + 2);
    }

    private IdLeads(int count, double[] companyEffects, double[] ownerEffects, long seed) {
        this.companyEffects = companyEffects;
        this.ownerEffects = ownerEffects;
        Random random = new Random(seed);
        int companies = companyEffects.length;
        double[] cumulative = new double[companies];
        double total = 0;
        for (int c = 0; c < companies; c++) {
            total += 1.0 / (c + 1);
            cumulative[c] = total;
        }
        offsets = new double[count];
        labels = new boolean[count];
        companyRows = new int[companies];
        for (int i = 0; i < count; i++) {
            double u = random.nextDouble() * total;
            int company = 0;
            while (company < companies - 1 && cumulative[company] < u) {
                company++;
            }
            int owner = random.nextInt(ownerEffects.length);
            companyRows[company]++;
            offsets[i] = -2.5 + random.nextGaussian();
            double logit = offsets[i] + companyEffects[company] + ownerEffects[owner];
            labels[i] = random.nextDouble() < 1 / (1 + Math.exp(-logit));
            Map<String, Object> values = new HashMap<>();
            values.put("customer_idx", (long) company);
            values.put("lead_owner", (long) owner);
            leads.add(values::get);
        }
    }

    /** Other leads of the same companies and owners (the same effects). */
    IdLeads resample(int count, long seed) {
        return new IdLeads(count, companyEffects, ownerEffects, seed);
    }

    private static double[] normals(Random random, int count, double sd) {
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = sd * random.nextGaussian();
        }
        return values;
    }
}
