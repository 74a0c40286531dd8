package io.leadscorer.simulator.world;

import io.leadscorer.simulator.world.Contacts.CustomerTypeGroup;
import io.leadscorer.simulator.world.Geography.Country;
import io.leadscorer.simulator.world.Products.Area;
import io.leadscorer.simulator.world.Products.BusinessUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The companies and sales owners of a world, drawn once from the world seed. Companies get Zipf-Mandelbrot
 * distributed lead volumes (a few large accounts, a long tail of one-off leads), a country, a vertical, a size class
 * and a latent quality; owners belong to the subsidiary of a country and get a heavy-tailed workload and a
 * latent skill. The conversion model turns quality and skill into effects.
 */
final class Population {

    /** Offset of the Zipf-Mandelbrot law of leads per company: a heavy tail without one account holding a tenth of all leads. */
    static final double ZIPF_OFFSET = 10;

    /** A sales owner: {@code skill} is standard normal, {@code workload} their relative share of the country's leads. */
    record Owner(long id, Country country, double skill, double workload) {
    }

    /**
     * A customer company. {@code quality} is standard normal; {@code historicalCount} and {@code winRate} are
     * null for companies without sales history.
     */
    record Company(int rank, long customerIdx, Country country, boolean enterprise, Area area, int subarea,
                   Term<CustomerTypeGroup> customerType, BusinessUnit unit, double quality, Long historicalCount,
                   Double winRate, Owner accountOwner) {
    }

    private final List<Company> companies;
    private final double[] companyCumulative;
    private final Owner[][] ownersByCountry;
    private final double[][] ownerCumulative;

    Population(WorldConfig config) {
        Draws draws = new Draws(Draws.mix(config.worldSeed() ^ 0xC0FFEEL));
        this.ownersByCountry = new Owner[Geography.COUNTRIES.size()][];
        this.ownerCumulative = new double[Geography.COUNTRIES.size()][];
        drawOwners(config.owners(), draws);
        this.companies = new ArrayList<>(config.companies());
        long[] ids = shuffledIds(config.companies() * 5L / 2 + 1, draws);
        double[] weights = new double[config.companies()];
        List<Term<CustomerTypeGroup>> types = Contacts.CUSTOMER_TYPES;
        double[] typeCumulative = Term.cumulativeWeights(types);
        for (int rank = 1; rank <= config.companies(); rank++) {
            weights[rank - 1] = Math.pow(rank + ZIPF_OFFSET, -config.companyZipfExponent());
            Country country = Geography.COUNTRIES.get(draws.pick(Geography.COUNTRY_CUMULATIVE));
            double logRank = Math.log(rank);
            boolean enterprise = draws.chance(Draws.sigmoid(1.2 - 0.3 * logRank));
            Area area = Products.AREAS.get(draws.pick(Products.AREA_CUMULATIVE));
            int subarea = draws.index(area.subareas().length);
            Term<CustomerTypeGroup> type = types.get(draws.pick(typeCumulative));
            BusinessUnit unit = BusinessUnit.values()[draws.pick(Products.UNIT_CUMULATIVE)];
            double quality = draws.gaussian();
            boolean history = CompanyHistory.has(draws, rank, quality);
            Long count = history ? CompanyHistory.count(draws, quality) : null;
            Double winRate = history ? CompanyHistory.winRate(draws, quality) : null;
            Owner[] local = ownersByCountry[country.index()];
            Owner accountOwner = local[draws.index(local.length)];
            companies.add(new Company(rank, ids[rank - 1], country, enterprise, area, subarea, type, unit, quality,
                    count, winRate, accountOwner));
        }
        this.companyCumulative = Draws.cumulative(weights);
    }

    Company pickCompany(Draws draws) {
        return companies.get(draws.pick(companyCumulative));
    }

    Owner pickOwner(Draws draws, Country country) {
        return ownersByCountry[country.index()][draws.pick(ownerCumulative[country.index()])];
    }

    List<Company> companies() {
        return companies;
    }

    private void drawOwners(int total, Draws draws) {
        long[] ids = shuffledIds(2L * total + Geography.COUNTRIES.size(), draws);
        int[] counts = ownerCounts(total);
        int next = 0;
        for (Country country : Geography.COUNTRIES) {
            int count = counts[country.index()];
            Owner[] owners = new Owner[count];
            double[] workloads = new double[count];
            for (int i = 0; i < count; i++) {
                double workload = Math.pow(1 - draws.uniform(), -1 / 1.5);
                owners[i] = new Owner(ids[next++], country, draws.gaussian(), workload);
                workloads[i] = workload;
            }
            ownersByCountry[country.index()] = owners;
            ownerCumulative[country.index()] = Draws.cumulative(workloads);
        }
    }

    /**
     * Owners per country in proportion to the country weights, at least one each, summing to {@code total}
     * (or to the number of countries when {@code total} is smaller): largest remainders get the rounding.
     */
    static int[] ownerCounts(int total) {
        int countries = Geography.COUNTRIES.size();
        double weightSum = Geography.COUNTRIES.stream().mapToDouble(Country::weight).sum();
        int[] counts = new int[countries];
        double[] remainders = new double[countries];
        int assigned = 0;
        for (Country country : Geography.COUNTRIES) {
            double share = Math.max(0, total - countries) * country.weight() / weightSum;
            counts[country.index()] = 1 + (int) share;
            remainders[country.index()] = share - (int) share;
            assigned += counts[country.index()];
        }
        Integer[] order = new Integer[countries];
        for (int i = 0; i < countries; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(remainders[b], remainders[a]));
        for (int i = 0; assigned < total && i < countries; i++, assigned++) {
            counts[order[i]]++;
        }
        return counts;
    }

    /** The first ids of a random permutation of [0, range), as unique company or owner identifiers. */
    private static long[] shuffledIds(long range, Draws draws) {
        int size = (int) range;
        long[] ids = new long[size];
        for (int i = 0; i < size; i++) {
            ids[i] = i;
        }
        for (int i = size - 1; i > 0; i--) {
            int j = draws.index(i + 1);
            long swap = ids[i];
            ids[i] = ids[j];
            ids[j] = swap;
        }
        return ids;
    }

    static double round6(double value) {
        return Math.round(value * 1e6) / 1e6;
    }
}
