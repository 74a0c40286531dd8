package io.leadscorer.schemas.serde;

import io.leadscorer.avro.ModelAction;
import io.leadscorer.avro.ModelCommand;
import io.leadscorer.avro.ModelState;
import io.leadscorer.avro.ModelStatus;
import io.leadscorer.avro.MqlEvent;
import io.leadscorer.avro.Reason;
import io.leadscorer.avro.ScoredLead;
import java.time.Instant;
import java.util.List;

/** One filled-in instance of each contract record, with messy multilingual values where they fit. */
final class TestRecords {

    static final Instant EVENT_TIME = Instant.parse("2026-11-25T06:00:00.123Z");

    private TestRecords() {
    }

    static MqlEvent mqlEvent() {
        return MqlEvent.newBuilder()
                .setLeadId("lead-0001")
                .setEventTime(EVENT_TIME)
                .setSource("hubspot")
                .setBantSubmit(0.75)
                .setCustomerCountry("//Bogotá/Colombia")
                .setBusinessUnit("ID")
                .setComRegVerWinRate(0.0031)
                .setCustomerIdx(2333L)
                .setCustomerType("End-Customer")
                .setEnterprise("Enterprise")
                .setHistoricalExistingCnt(null)
                .setIdStrategicVer(null)
                .setItStrategicVer(1.0)
                .setIditStrategicVer(1.0)
                .setCustomerJob("Ingeniería")
                .setLeadDescLength(62L)
                .setInquiryType("Quotation or purchase consultation")
                .setProductCategory("multi-split")
                .setProductSubcategory(null)
                .setProductModelname("ARUN100LSS0")
                .setCustomerCountry1("LGEPS")
                .setCustomerPosition("gerente")
                .setResponseCorporate("LGECB")
                .setExpectedTimeline("less than 3 months")
                .setVerCus(1L)
                .setVerPro(0L)
                .setVerWinRateX(0.0034)
                .setVerWinRatioPerBu(0.0264)
                .setBusinessArea("corporate / office")
                .setBusinessSubarea("엔지니어링")
                .setLeadOwner(17L)
                .build();
    }

    static ScoredLead scoredLead() {
        return ScoredLead.newBuilder()
                .setLeadId("lead-0001")
                .setProbability(0.8125)
                .setLabel(true)
                .setThreshold(0.42)
                .setModelId("20261125T0601-ab12cd34")
                .setEventTime(EVENT_TIME)
                .setScoredTime(EVENT_TIME.plusMillis(35))
                .setTier("A")
                .setPercentile(97.5)
                .setReasons(List.of(
                        new Reason("customer_idx", "2333", 0.61),
                        new Reason("product_category*business_area", "multi-split | corporate / office", 0.2),
                        new Reason("expected_timeline", "less than 3 months", -0.14)))
                .build();
    }

    static ModelCommand modelCommand() {
        return ModelCommand.newBuilder()
                .setAction(ModelAction.DEPLOY)
                .setModelId("20261125T0601-ab12cd34")
                .setBundleUri("file:///models/20261125T0601-ab12cd34")
                .setManifestSha256("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
                .setRequestedTime(EVENT_TIME)
                .setRequestedBy("trainer")
                .build();
    }

    static ModelStatus modelStatus() {
        return ModelStatus.newBuilder()
                .setInstance("scorer-0")
                .setModelId("20261125T0601-ab12cd34")
                .setState(ModelState.REJECTED)
                .setReason("manifest checksum mismatch")
                .setTime(EVENT_TIME)
                .build();
    }
}
