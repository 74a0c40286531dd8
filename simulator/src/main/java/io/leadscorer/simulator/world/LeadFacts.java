package io.leadscorer.simulator.world;

import io.leadscorer.simulator.world.Contacts.CustomerTypeGroup;
import io.leadscorer.simulator.world.Contacts.JobGroup;
import io.leadscorer.simulator.world.Contacts.PositionGroup;
import io.leadscorer.simulator.world.Geography.Country;
import io.leadscorer.simulator.world.Inquiries.InquiryGroup;
import io.leadscorer.simulator.world.Inquiries.TimelineGroup;
import io.leadscorer.simulator.world.Population.Company;
import io.leadscorer.simulator.world.Population.Owner;
import io.leadscorer.simulator.world.Products.Area;
import io.leadscorer.simulator.world.Products.BusinessUnit;
import io.leadscorer.simulator.world.Products.Category;

/**
 * What a lead's recorded row says, before it is spelled out: the canonical value behind every column that
 * the conversion model reads, null (or NaN, or -1) where the row leaves the column empty. The conversion
 * probability is a function of these facts only, so it is a function of the row a learner sees.
 */
final class LeadFacts {
    Company company;
    Owner owner;
    Country country;
    Country subsidiaryCountry;
    BusinessUnit unit;
    Category category;
    boolean modelName;
    Area area;
    Boolean enterprise;
    Term<PositionGroup> position;
    Term<InquiryGroup> inquiry;
    Term<JobGroup> job;
    Term<TimelineGroup> timeline;
    Term<CustomerTypeGroup> customerType;
    double bant = Double.NaN;
    long historicalCount = -1;
    long descLength = -1;
    boolean verCus;
    boolean verPro;
    boolean strategic;
}
