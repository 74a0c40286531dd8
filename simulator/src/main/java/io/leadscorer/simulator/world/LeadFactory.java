package io.leadscorer.simulator.world;

import io.leadscorer.simulator.world.Contacts.CustomerTypeGroup;
import io.leadscorer.simulator.world.Contacts.PositionGroup;
import io.leadscorer.simulator.world.Geography.Country;
import io.leadscorer.simulator.world.Inquiries.InquiryGroup;
import io.leadscorer.simulator.world.Inquiries.TimelineGroup;
import io.leadscorer.simulator.world.Population.Company;
import io.leadscorer.simulator.world.Products.Area;
import io.leadscorer.simulator.world.Products.BusinessUnit;
import io.leadscorer.simulator.world.Products.Category;
import io.leadscorer.simulator.world.Products.Subcategory;
import java.time.Instant;
import java.util.List;

/**
 * Draws one lead: a company (Zipf), its owner, the contact's engagement (a latent that raises the BANT
 * score, shortens the timeline, lengthens the description, favours quotations and fills in more of the
 * form), what was asked, which cells the form left empty (by source, region and engagement), the facts
 * the conversion model reads, their messy spellings, and finally the label.
 */
final class LeadFactory {

    private static final long LEAD_INTERVAL_MILLIS = 30_000;
    /** Log-odds of a cell being empty before the source, region and engagement shifts. */
    private static final double RARELY_MISSING = Draws.logit(0.003);
    private static final double GEOGRAPHY_MISSING = Draws.logit(0.015);
    private static final double INQUIRY_MISSING = Draws.logit(0.02);
    private static final double JOB_MISSING = Draws.logit(0.28);
    private static final double CATEGORY_MISSING = Draws.logit(0.32);
    private static final double TIMELINE_MISSING = Draws.logit(0.50);
    private static final double AREA_MISSING = Draws.logit(0.66);
    private static final double CUSTOMER_TYPE_MISSING = Draws.logit(0.70);
    private static final double ACCOUNT_OWNER_SHARE = 0.3;

    private final Population population;
    private final ConversionModel model;
    private final Instant start;
    private final GroupedTerms<InquiryGroup> inquiries = new GroupedTerms<>(InquiryGroup.class, Inquiries.INQUIRIES);
    private final GroupedTerms<PositionGroup> positions = new GroupedTerms<>(PositionGroup.class, Contacts.POSITIONS);
    private final GroupedTerms<TimelineGroup> timelines = new GroupedTerms<>(TimelineGroup.class, Inquiries.TIMELINES);
    private final double[] jobCumulative = Term.cumulativeWeights(Contacts.JOBS);
    private final double[] customerTypeCumulative = Term.cumulativeWeights(Contacts.CUSTOMER_TYPES);
    private final double[][] categoryCumulative = new double[BusinessUnit.values().length][];
    private final List<List<Category>> categoriesByUnit;

    LeadFactory(Population population, ConversionModel model, Instant start) {
        this.population = population;
        this.model = model;
        this.start = start;
        this.categoriesByUnit = java.util.Arrays.stream(BusinessUnit.values()).map(Products::categoriesOf).toList();
        for (BusinessUnit unit : BusinessUnit.values()) {
            categoryCumulative[unit.ordinal()] = Term.cumulativeWeights(
                    categoriesByUnit.get(unit.ordinal()).stream().map(Category::term).toList());
        }
    }

    SimulatedLead build(long seed, long index, double intercept) {
        Draws d = Draws.forLead(seed, index);
        LeadSource source = LeadSource.values()[d.pick(LeadSource.CUMULATIVE)];
        Company company = population.pickCompany(d);
        Country country = company.country();
        Language language = country.language();
        boolean machine = source.machine();
        double engagement = d.gaussian();
        double context = source.missingShift() + regionShift(country);
        Object[] v = new Object[Column.values().length];
        LeadFacts f = new LeadFacts();

        if (present(d, RARELY_MISSING, context)) {
            f.company = company;
            v[Column.CUSTOMER_IDX.ordinal()] = company.customerIdx();
        }
        if (present(d, RARELY_MISSING, context)) {
            f.owner = d.chance(ACCOUNT_OWNER_SHARE) ? company.accountOwner() : population.pickOwner(d, country);
            v[Column.LEAD_OWNER.ordinal()] = f.owner.id();
        }
        if (present(d, GEOGRAPHY_MISSING, context)) {
            f.country = country;
            v[Column.CUSTOMER_COUNTRY.ordinal()] = country.write(d);
        }
        if (present(d, GEOGRAPHY_MISSING, context)) {
            f.subsidiaryCountry = country;
            v[Column.CUSTOMER_COUNTRY_1.ordinal()] = country.region().label();
        }
        if (present(d, RARELY_MISSING, context)) {
            v[Column.RESPONSE_CORPORATE.ordinal()] = country.subsidiary();
        }
        if (present(d, RARELY_MISSING, context)) {
            f.enterprise = company.enterprise();
            v[Column.ENTERPRISE.ordinal()] = company.enterprise() ? "Enterprise" : "SMB";
        }

        BusinessUnit unit = d.chance(0.7) ? company.unit() : BusinessUnit.values()[d.pick(Products.UNIT_CUMULATIVE)];
        if (present(d, RARELY_MISSING, context)) {
            f.unit = unit;
            v[Column.BUSINESS_UNIT.ordinal()] = unit.label();
        }
        Category category = categoriesByUnit.get(unit.ordinal()).get(d.pick(categoryCumulative[unit.ordinal()]));
        if (present(d, CATEGORY_MISSING, context + 0.3 * -engagement)) {
            f.category = category;
            v[Column.PRODUCT_CATEGORY.ordinal()] = category.term().spell(d, language, machine);
            Subcategory subcategory = category.subcategories().get(d.index(category.subcategories().size()));
            if (d.chance(0.28)) {
                v[Column.PRODUCT_SUBCATEGORY.ordinal()] = subcategory.name();
                if (d.chance(0.9)) {
                    f.modelName = true;
                    v[Column.PRODUCT_MODELNAME.ordinal()] = subcategory.models()[d.index(subcategory.models().length)];
                }
            }
        }

        Area area = company.area();
        if (present(d, AREA_MISSING, context + 0.2 * -engagement)) {
            f.area = area;
            v[Column.BUSINESS_AREA.ordinal()] = area.term().spell(d, language, machine);
            if (d.chance(0.3)) {
                String[] subareas = area.subareas();
                v[Column.BUSINESS_SUBAREA.ordinal()] = subareas[d.chance(0.8) ? company.subarea() : d.index(subareas.length)];
            }
            v[Column.VER_WIN_RATE_X.ordinal()] = model.verticalWinRateX(area);
            if (f.unit != null) {
                v[Column.VER_WIN_RATIO_PER_BU.ordinal()] = model.verticalWinRatio(area, f.unit);
            }
        }

        Term<CustomerTypeGroup> customerType = d.chance(0.85) ? company.customerType()
                : Contacts.CUSTOMER_TYPES.get(d.pick(customerTypeCumulative));
        if (present(d, CUSTOMER_TYPE_MISSING, context + 0.3 * -engagement)) {
            f.customerType = customerType;
            v[Column.CUSTOMER_TYPE.ordinal()] = customerType.spell(d, language, machine);
        }

        InquiryGroup inquiryGroup = inquiryGroup(d, engagement);
        if (present(d, INQUIRY_MISSING, context + 0.2 * -engagement)) {
            f.inquiry = inquiries.pick(d, inquiryGroup);
            v[Column.INQUIRY_TYPE.ordinal()] = f.inquiry.spell(d, language, machine);
        }
        PositionGroup positionGroup = positionGroup(d, company.enterprise());
        if (present(d, RARELY_MISSING, context)) {
            f.position = positions.pick(d, positionGroup);
            v[Column.CUSTOMER_POSITION.ordinal()] = f.position.spell(d, language, machine);
        }
        if (present(d, JOB_MISSING, context + 0.9 * -engagement)) {
            f.job = Contacts.JOBS.get(d.pick(jobCumulative));
            v[Column.CUSTOMER_JOB.ordinal()] = f.job.spell(d, language, machine);
        }
        if (present(d, TIMELINE_MISSING, context + 0.6 * -engagement)) {
            f.timeline = timelines.pick(d, timelineGroup(d, engagement));
            v[Column.EXPECTED_TIMELINE.ordinal()] = f.timeline.spell(d, language, machine);
        }
        if (present(d, RARELY_MISSING, context)) {
            f.bant = d.binomial(4, Draws.sigmoid(0.3 + 0.9 * engagement)) / 4.0;
            v[Column.BANT_SUBMIT.ordinal()] = f.bant;
        }
        if (present(d, RARELY_MISSING, context)) {
            f.descLength = descriptionLength(d, engagement);
            v[Column.LEAD_DESC_LENGTH.ordinal()] = f.descLength;
        }
        if (company.historicalCount() != null && d.chance(0.95)) {
            f.historicalCount = company.historicalCount();
            v[Column.HISTORICAL_EXISTING_CNT.ordinal()] = company.historicalCount();
        }
        if (company.winRate() != null && d.chance(0.95)) {
            v[Column.COM_REG_VER_WIN_RATE.ordinal()] = company.winRate();
        }

        boolean targetVertical = f.area != null && f.area.target();
        f.verCus = targetVertical && f.customerType != null && f.customerType.group() == CustomerTypeGroup.END_CUSTOMER;
        f.verPro = targetVertical && f.category != null && f.category.target();
        v[Column.VER_CUS.ordinal()] = f.verCus ? 1L : 0L;
        v[Column.VER_PRO.ordinal()] = f.verPro ? 1L : 0L;
        boolean idStrategic = f.area != null && f.unit == BusinessUnit.ID && f.area.idStrategic();
        boolean itStrategic = f.area != null && f.unit == BusinessUnit.IT && f.area.itStrategic();
        f.strategic = idStrategic || itStrategic;
        v[Column.ID_STRATEGIC_VER.ordinal()] = idStrategic ? 1.0 : null;
        v[Column.IT_STRATEGIC_VER.ordinal()] = itStrategic ? 1.0 : null;
        v[Column.IDIT_STRATEGIC_VER.ordinal()] = f.strategic ? 1.0 : null;

        double logit = intercept + model.signal(f);
        boolean converted = d.uniform() < Draws.sigmoid(logit);
        Instant time = start.plusMillis(index * LEAD_INTERVAL_MILLIS + d.index((int) LEAD_INTERVAL_MILLIS));
        return new SimulatedLead(index, "lead-" + seed + "-" + index, source.label(), time, v, logit, model.idLatents(f),
                converted);
    }

    /** Whether a cell is filled in: empty with the given log-odds, shifted by the context. */
    private static boolean present(Draws d, double missingLogOdds, double shift) {
        return !d.chance(Draws.sigmoid(missingLogOdds + shift));
    }

    private static double regionShift(Country country) {
        return switch (country.region()) {
            case LATIN_AMERICA -> 0.3;
            case INDIA -> -0.2;
            case MIDDLE_EAST_AFRICA -> 0.2;
            case KOREA -> 0.4;
            default -> 0.0;
        };
    }

    private static InquiryGroup inquiryGroup(Draws d, double engagement) {
        double[] weights = {
            0.40 * Math.exp(0.5 * engagement), 0.18, 0.05, 0.12 * Math.exp(-0.4 * engagement), 0.04, 0.05,
            0.10 * Math.exp(-0.3 * engagement)
        };
        return InquiryGroup.values()[d.pick(Draws.cumulative(weights))];
    }

    private static final double[] ENTERPRISE_POSITIONS = Draws.cumulative(0.12, 0.35, 0.25, 0.13, 0.15);
    private static final double[] SMB_POSITIONS = Draws.cumulative(0.35, 0.22, 0.15, 0.10, 0.18);

    private static PositionGroup positionGroup(Draws d, boolean enterprise) {
        return PositionGroup.values()[d.pick(enterprise ? ENTERPRISE_POSITIONS : SMB_POSITIONS)];
    }

    private static TimelineGroup timelineGroup(Draws d, double engagement) {
        if (d.chance(0.07)) {
            return TimelineGroup.FOLLOWED_UP;
        }
        double t = 0.8 * engagement + d.gaussian();
        if (t < -1.7) {
            return TimelineGroup.NO_REQUIREMENT;
        } else if (t < -1.0) {
            return TimelineGroup.OVER_A_YEAR;
        } else if (t < -0.4) {
            return TimelineGroup.MONTHS_9_TO_12;
        } else if (t < 0.1) {
            return TimelineGroup.MONTHS_6_TO_9;
        } else if (t < 0.8) {
            return TimelineGroup.MONTHS_3_TO_6;
        }
        return TimelineGroup.WITHIN_3_MONTHS;
    }

    /** Characters of the free-text description: log-normal, longer for engaged contacts, 1% pasted spam. */
    private static long descriptionLength(Draws d, double engagement) {
        double log = d.chance(0.01) ? 7.2 + 0.5 * d.gaussian() : 3.7 + 0.35 * engagement + d.gaussian();
        return Math.max(1, Math.round(Math.exp(log)));
    }
}
