package io.leadscorer.simulator.oracle;

import io.leadscorer.simulator.world.CompanyHistory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The ceiling of a model that sees the columns but has to learn each company's and owner's effect from the
 * training labels. A test lead is scored with the simulator's true formula, with the company's quality and
 * the owner's skill replaced by their posterior means given the training rows (the true standard normal
 * prior, shrunk by the rows an id has: an id without training rows gets the prior mean). Company and owner
 * posteriors are each computed exactly on a grid, alternating a few times with the other's estimates
 * plugged in. A second estimate also conditions the company's quality on its recorded historical count and
 * win rate (cells any model sees), by the generator's own law ({@link CompanyHistory}).
 */
public final class IdEffectCeiling {

    private static final int GRID_POINTS = 121;
    private static final double GRID_LIMIT = 6;
    private static final int SWEEPS = 5;
    private static final double[] GRID = new double[GRID_POINTS];

    static {
        for (int g = 0; g < GRID_POINTS; g++) {
            GRID[g] = -GRID_LIMIT + 2 * GRID_LIMIT * g / (GRID_POINTS - 1);
        }
    }

    private IdEffectCeiling() {
    }

    public static CeilingReport of(List<CeilingLead> train, List<CeilingLead> test) {
        Map<Long, List<CeilingLead>> byCompany = new HashMap<>();
        Map<Long, List<CeilingLead>> byOwner = new HashMap<>();
        for (CeilingLead lead : train) {
            if (lead.companyWeight() != 0) {
                byCompany.computeIfAbsent(lead.companyId(), id -> new ArrayList<>()).add(lead);
            }
            if (lead.ownerWeight() != 0) {
                byOwner.computeIfAbsent(lead.ownerId(), id -> new ArrayList<>()).add(lead);
            }
        }
        Map<Long, double[]> historyPriors = historyPriors(train, test);
        Estimates labels = Estimates.fit(byCompany, byOwner, id -> null);
        Estimates labelsAndHistory = Estimates.fit(byCompany, byOwner, historyPriors::get);

        boolean[] converted = new boolean[test.size()];
        double[] truth = new double[test.size()];
        double[] withHistory = new double[test.size()];
        double[] labelsOnly = new double[test.size()];
        double[] noIdEffect = new double[test.size()];
        int trainedCompany = 0;
        for (int i = 0; i < test.size(); i++) {
            CeilingLead lead = test.get(i);
            converted[i] = lead.converted();
            truth[i] = lead.probability();
            withHistory[i] = sigmoid(labelsAndHistory.logit(lead, historyPriors.get(lead.companyId())));
            labelsOnly[i] = sigmoid(labels.logit(lead, null));
            noIdEffect[i] = sigmoid(lead.restLogit());
            trainedCompany += lead.companyWeight() != 0 && byCompany.containsKey(lead.companyId()) ? 1 : 0;
        }
        return new CeilingReport(train.size(), test.size(), test.isEmpty() ? 0 : (double) trainedCompany / test.size(),
                OracleF1.of(truth, converted).f1(), OracleF1.of(withHistory, converted).f1(),
                OracleF1.of(labelsOnly, converted).f1(), OracleF1.of(noIdEffect, converted).f1());
    }

    /** Per company (of either sample): the log-likelihood over the grid of the history cells its rows show. */
    private static Map<Long, double[]> historyPriors(List<CeilingLead> train, List<CeilingLead> test) {
        Map<Long, Long> counts = new HashMap<>();
        Map<Long, Double> winRates = new HashMap<>();
        Set<Long> companies = new HashSet<>();
        for (List<CeilingLead> sample : List.of(train, test)) {
            for (CeilingLead lead : sample) {
                if (lead.companyWeight() == 0) {
                    continue;
                }
                companies.add(lead.companyId());
                if (lead.historicalCount() != null) {
                    counts.putIfAbsent(lead.companyId(), lead.historicalCount());
                }
                if (lead.winRate() != null) {
                    winRates.putIfAbsent(lead.companyId(), lead.winRate());
                }
            }
        }
        Map<Long, double[]> priors = new HashMap<>();
        for (Long id : companies) {
            double[] log = new double[GRID_POINTS];
            for (int g = 0; g < GRID_POINTS; g++) {
                log[g] = CompanyHistory.logLikelihood(GRID[g], counts.get(id), winRates.get(id));
            }
            priors.put(id, log);
        }
        return priors;
    }

    /** Posterior means of every company's quality and every owner's skill seen in training. */
    private record Estimates(Map<Long, Double> quality, Map<Long, Double> skill) {

        static Estimates fit(Map<Long, List<CeilingLead>> byCompany, Map<Long, List<CeilingLead>> byOwner,
                             Function<Long, double[]> companyHistory) {
            Estimates estimates = new Estimates(new HashMap<>(), new HashMap<>());
            for (int sweep = 0; sweep < SWEEPS; sweep++) {
                Map<Long, Double> quality = new HashMap<>();
                byCompany.forEach((id, rows) -> quality.put(id, posteriorMean(companyHistory.apply(id), rows,
                        lead -> lead.restLogit() + lead.ownerWeight() * estimates.skillOf(lead), CeilingLead::companyWeight)));
                estimates.quality.putAll(quality);
                Map<Long, Double> skill = new HashMap<>();
                byOwner.forEach((id, rows) -> skill.put(id, posteriorMean(null, rows,
                        lead -> lead.restLogit() + lead.companyWeight() * estimates.quality.getOrDefault(lead.companyId(), 0.0),
                        CeilingLead::ownerWeight)));
                estimates.skill.putAll(skill);
            }
            return estimates;
        }

        double skillOf(CeilingLead lead) {
            return lead.ownerWeight() == 0 ? 0 : skill.getOrDefault(lead.ownerId(), 0.0);
        }

        /** The test lead's log-odds with the estimates; a company without training rows gets its prior mean. */
        double logit(CeilingLead lead, double[] companyHistory) {
            double companyQuality = 0;
            if (lead.companyWeight() != 0) {
                Double trained = quality.get(lead.companyId());
                companyQuality = trained != null ? trained : posteriorMean(companyHistory, List.of(), l -> 0, l -> 0);
            }
            return lead.restLogit() + lead.companyWeight() * companyQuality + lead.ownerWeight() * skillOf(lead);
        }
    }

    /**
     * Posterior mean of a standard normal latent (times {@code extraLogPrior} over the grid when not null)
     * given the rows' labels, where a row's log-odds is {@code offset + weight * latent}.
     */
    private static double posteriorMean(double[] extraLogPrior, List<CeilingLead> rows, ToDoubleFunction<CeilingLead> offset,
                                        ToDoubleFunction<CeilingLead> weight) {
        double[] log = new double[GRID_POINTS];
        for (int g = 0; g < GRID_POINTS; g++) {
            log[g] = -0.5 * GRID[g] * GRID[g] + (extraLogPrior != null ? extraLogPrior[g] : 0);
        }
        for (CeilingLead row : rows) {
            double base = offset.applyAsDouble(row);
            double w = weight.applyAsDouble(row);
            for (int g = 0; g < GRID_POINTS; g++) {
                double z = base + w * GRID[g];
                log[g] -= softplus(row.converted() ? -z : z);
            }
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double value : log) {
            max = Math.max(max, value);
        }
        double mass = 0;
        double moment = 0;
        for (int g = 0; g < GRID_POINTS; g++) {
            double p = Math.exp(log[g] - max);
            mass += p;
            moment += p * GRID[g];
        }
        return moment / mass;
    }

    /** log(1 + e^x) without overflow. */
    private static double softplus(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
