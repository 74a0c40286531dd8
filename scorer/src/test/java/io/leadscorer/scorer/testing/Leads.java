package io.leadscorer.scorer.testing;

import io.leadscorer.avro.MqlEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** MQL events for tests: varied enough that different leads get different lead texts (and scores). */
public final class Leads {

    private static final String[] COUNTRIES = {"Bogota/Colombia", "Paris/France", "Seoul/Korea", "Lima/Peru"};
    private static final String[] JOBS = {"engineering", "Compras", "purchasing", null};
    private static final String[] INQUIRIES = {"Quotation or purchase consultation", "quotation_or_purchase_consultation",
            "Product Information", null};

    private Leads() {
    }

    public static MqlEvent lead(String leadId, int variant, Instant eventTime) {
        return MqlEvent.newBuilder()
                .setLeadId(leadId)
                .setEventTime(eventTime)
                .setSource("test")
                .setBantSubmit(variant % 5 / 4.0)
                .setCustomerCountry(COUNTRIES[variant % COUNTRIES.length])
                .setBusinessUnit(variant % 2 == 0 ? "ID" : "IT")
                .setCustomerIdx((long) (1000 + variant % 97))
                .setCustomerJob(JOBS[variant % JOBS.length])
                .setInquiryType(INQUIRIES[variant / 3 % INQUIRIES.length])
                .setEnterprise(variant % 3 == 0 ? "Enterprise" : "SMB")
                .setLeadDescLength((long) (variant * 37 % 900))
                .setLeadOwner((long) (variant % 13))
                .build();
    }

    /** {@code count} leads named {@code prefix-0 ...}, all at {@code eventTime}. */
    public static List<MqlEvent> leads(String prefix, int count, Instant eventTime) {
        List<MqlEvent> leads = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            leads.add(lead(prefix + "-" + i, i, eventTime));
        }
        return leads;
    }
}
