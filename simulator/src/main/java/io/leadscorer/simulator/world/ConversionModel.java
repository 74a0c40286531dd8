package io.leadscorer.simulator.world;

import io.leadscorer.simulator.world.Contacts.CustomerTypeGroup;
import io.leadscorer.simulator.world.Contacts.JobGroup;
import io.leadscorer.simulator.world.Contacts.PositionGroup;
import io.leadscorer.simulator.world.Inquiries.InquiryGroup;
import io.leadscorer.simulator.world.Inquiries.TimelineGroup;
import io.leadscorer.simulator.world.Products.Area;
import io.leadscorer.simulator.world.Products.BusinessUnit;
import java.util.EnumMap;
import java.util.Map;

/**
 * The truth of a world: the log-odds of conversion as a sum of effects of the recorded facts. Main effects
 * for company, owner, country, region, unit, category, vertical, job, timeline and customer type;
 * interactions of product category x business area (does the product fit the vertical), enterprise x
 * BANT score (BANT matters far more for enterprises) and position x inquiry type (a CEO asking for a quote
 * versus an intern asking for support); informative missingness (an empty job or timeline is itself
 * evidence). Company, owner, country, region, category and fit effects are drawn from the world seed; the
 * semantic effects are fixed. Every effect is multiplied by {@code BASE_SCALE * signal}.
 */
final class ConversionModel {

    /** Overall effect scale at signal 1, set so that the oracle F1 of the default world is about 0.8. */
    static final double BASE_SCALE = 3.0;

    private static final double COMPANY_SD = 0.8;
    private static final double OWNER_SD = 0.5;
    private static final double COUNTRY_SD = 0.25;
    private static final double REGION_SD = 0.35;
    private static final double CATEGORY_SD = 0.3;
    private static final double AREA_SD = 0.3;
    private static final double FIT_SD = 0.8;

    private static final Map<BusinessUnit, Double> UNIT = new EnumMap<>(Map.of(
            BusinessUnit.ID, 0.15, BusinessUnit.IT, -0.1, BusinessUnit.AS, 0.1, BusinessUnit.SOLUTION, -0.35,
            BusinessUnit.CM, -0.2));
    private static final double UNIT_MISSING = -0.3;

    private static final Map<JobGroup, Double> JOB = new EnumMap<>(Map.ofEntries(
            Map.entry(JobGroup.PURCHASING, 0.7), Map.entry(JobGroup.ENGINEERING, 0.25), Map.entry(JobGroup.IT, 0.1),
            Map.entry(JobGroup.MANAGEMENT, 0.45), Map.entry(JobGroup.SALES, -0.1), Map.entry(JobGroup.OPERATIONS, 0.1),
            Map.entry(JobGroup.MARKETING, -0.2), Map.entry(JobGroup.EDUCATION, -0.6), Map.entry(JobGroup.CONSULTING, 0.0),
            Map.entry(JobGroup.HEALTH, 0.05), Map.entry(JobGroup.FINANCE, 0.2), Map.entry(JobGroup.OTHER, -0.3)));
    private static final double JOB_MISSING = -0.7;

    private static final Map<TimelineGroup, Double> TIMELINE = new EnumMap<>(Map.of(
            TimelineGroup.WITHIN_3_MONTHS, 0.9, TimelineGroup.MONTHS_3_TO_6, 0.45, TimelineGroup.MONTHS_6_TO_9, 0.05,
            TimelineGroup.MONTHS_9_TO_12, -0.25, TimelineGroup.OVER_A_YEAR, -0.6, TimelineGroup.FOLLOWED_UP, 0.3,
            TimelineGroup.NO_REQUIREMENT, -1.6));
    private static final double TIMELINE_MISSING = -0.15;

    private static final Map<CustomerTypeGroup, Double> CUSTOMER_TYPE = new EnumMap<>(Map.of(
            CustomerTypeGroup.END_CUSTOMER, 0.2, CustomerTypeGroup.SPECIFIER, -0.2, CustomerTypeGroup.CHANNEL, 0.45,
            CustomerTypeGroup.SERVICE_PARTNER, -0.3, CustomerTypeGroup.CONSULTANT, -0.1, CustomerTypeGroup.OTHER, -0.4));
    private static final double CUSTOMER_TYPE_MISSING = -0.1;

    /** Rows: position group (last: missing); columns: inquiry group (last: missing). */
    private static final double[][] POSITION_BY_INQUIRY = {
        //  QUOTE  INFO  DEMO  TECH  PARTNER SERVICE OTHER  missing
        {1.3, 0.4, 0.6, -0.9, -0.2, -0.5, -0.4, 0.2},      // EXECUTIVE
        {0.9, 0.2, 0.4, -0.8, -0.4, -0.5, -0.5, 0.0},      // MANAGER
        {0.4, 0.0, 0.1, -0.9, -0.6, -0.6, -0.7, -0.2},     // STAFF
        {-0.3, -0.5, -0.3, -1.1, -0.9, -0.8, -1.0, -0.6},  // JUNIOR
        {0.2, -0.2, 0.0, -1.0, -0.6, -0.7, -0.9, -0.4},    // OTHER
        {0.3, -0.1, 0.1, -1.0, -0.5, -0.6, -0.8, -0.5},    // missing
    };

    private final double scale;
    private final double[] countryEffect;
    private final double[] regionEffect;
    private final double[] categoryEffect;
    private final double[] areaEffect;
    private final double[][] fit;
    private final double[] verticalWinRateX;
    private final double[][] verticalWinRatio;

    ConversionModel(WorldConfig config) {
        Draws draws = new Draws(Draws.mix(config.worldSeed() ^ 0xEFFEC75L));
        this.scale = BASE_SCALE * config.signal();
        this.countryEffect = normals(draws, Geography.COUNTRIES.size(), COUNTRY_SD);
        this.regionEffect = normals(draws, Geography.Region.values().length, REGION_SD);
        this.categoryEffect = normals(draws, Products.CATEGORIES.size(), CATEGORY_SD);
        this.areaEffect = normals(draws, Products.AREAS.size(), AREA_SD);
        this.fit = new double[Products.CATEGORIES.size()][];
        for (int c = 0; c < fit.length; c++) {
            fit[c] = normals(draws, Products.AREAS.size(), FIT_SD);
        }
        this.verticalWinRateX = new double[Products.AREAS.size()];
        this.verticalWinRatio = new double[Products.AREAS.size()][BusinessUnit.values().length];
        for (Area area : Products.AREAS) {
            double share = area.term().weight() / 8.4;
            verticalWinRateX[area.index()] = Population.round6(share * Draws.sigmoid(-1.8 + areaEffect[area.index()] + 0.3 * draws.gaussian()));
            for (BusinessUnit unit : BusinessUnit.values()) {
                double fitInUnit = Products.categoriesOf(unit).stream().mapToDouble(c -> fit[c.index()][area.index()]).average().orElse(0);
                verticalWinRatio[area.index()][unit.ordinal()] = Population.round6(Draws.sigmoid(
                        -2.3 + areaEffect[area.index()] + UNIT.get(unit) + fitInUnit + 0.2 * draws.gaussian()));
            }
        }
    }

    /** The log-odds of conversion without the intercept. */
    double signal(LeadFacts f) {
        double x = 0;
        if (f.company != null) {
            x += COMPANY_SD * f.company.quality();
        }
        if (f.owner != null) {
            x += OWNER_SD * f.owner.skill();
        }
        if (f.country != null) {
            x += countryEffect[f.country.index()];
        }
        if (f.subsidiaryCountry != null) {
            x += regionEffect[f.subsidiaryCountry.region().ordinal()];
        }
        x += f.unit != null ? UNIT.get(f.unit) : UNIT_MISSING;
        if (f.category != null) {
            x += categoryEffect[f.category.index()] + (f.modelName ? 0.25 : 0);
        }
        if (f.area != null) {
            x += areaEffect[f.area.index()];
        }
        if (f.category != null && f.area != null) {
            x += fit[f.category.index()][f.area.index()];
        }
        x += enterpriseByBant(f.enterprise, f.bant);
        x += POSITION_BY_INQUIRY[f.position == null ? PositionGroup.values().length : f.position.group().ordinal()]
                [f.inquiry == null ? InquiryGroup.values().length : f.inquiry.group().ordinal()];
        x += f.job != null ? JOB.get(f.job.group()) : JOB_MISSING;
        x += f.timeline != null ? TIMELINE.get(f.timeline.group()) : TIMELINE_MISSING;
        x += f.customerType != null ? CUSTOMER_TYPE.get(f.customerType.group()) : CUSTOMER_TYPE_MISSING;
        if (f.historicalCount >= 0) {
            x += 0.35 * Math.min(Math.log1p(f.historicalCount), 4);
        }
        x += descriptionEffect(f.descLength);
        x += (f.verCus ? 0.2 : 0) + (f.verPro ? 0.2 : 0) + (f.strategic ? 0.15 : 0);
        return scale * x;
    }

    /** The company and owner latents of {@link #signal}, with the weight it gives each. */
    IdLatents idLatents(LeadFacts f) {
        return new IdLatents(f.company != null ? f.company.customerIdx() : -1, f.company != null ? scale * COMPANY_SD : 0,
                f.company != null ? f.company.quality() : 0, f.owner != null ? f.owner.id() : -1,
                f.owner != null ? scale * OWNER_SD : 0, f.owner != null ? f.owner.skill() : 0);
    }

    /** Share of the vertical's leads times its win rate, as the CRM has recorded it. */
    double verticalWinRateX(Area area) {
        return verticalWinRateX[area.index()];
    }

    /** Win ratio of the vertical within the business unit, as the CRM has recorded it. */
    double verticalWinRatio(Area area, BusinessUnit unit) {
        return verticalWinRatio[area.index()][unit.ordinal()];
    }

    private static double enterpriseByBant(Boolean enterprise, double bant) {
        if (Double.isNaN(bant)) {
            return Boolean.TRUE.equals(enterprise) ? -0.2 : -0.3;
        }
        double centred = bant - 0.5;
        if (enterprise == null) {
            return 1.2 * centred;
        }
        return enterprise ? 0.15 + 2.4 * centred : 0.9 * centred;
    }

    private static double descriptionEffect(long length) {
        if (length < 0) {
            return -0.2;
        }
        double standardised = Math.max(-2, Math.min(2, Math.log(Math.max(length, 1)) - 3.7));
        return 0.3 * standardised - (length > 2500 ? 0.8 : 0);
    }

    private static double[] normals(Draws draws, int count, double sd) {
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = sd * draws.gaussian();
        }
        return values;
    }
}
