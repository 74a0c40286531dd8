package io.leadscorer.simulator.world;

/**
 * Marketing platform a lead came through. Sources differ in how complete their forms are
 * ({@code completeness} shifts the log-odds of every column being empty) and the CRM sync writes
 * categories in snake_case. The source itself is not a CSV column and has no effect on conversion.
 */
enum LeadSource {
    WEBSITE("website", 0.45, 0.0, false),
    PARTNER_PORTAL("partner-portal", 0.15, -0.7, false),
    CRM_SYNC("crm-sync", 0.20, 0.2, true),
    TRADE_SHOW("trade-show", 0.12, 0.7, false),
    LIVE_CHAT("live-chat", 0.08, 0.4, false);

    static final double[] CUMULATIVE = Draws.cumulative(
            java.util.Arrays.stream(values()).mapToDouble(LeadSource::weight).toArray());

    private final String label;
    private final double weight;
    private final double missingShift;
    private final boolean machine;

    LeadSource(String label, double weight, double missingShift, boolean machine) {
        this.label = label;
        this.weight = weight;
        this.missingShift = missingShift;
        this.machine = machine;
    }

    String label() {
        return label;
    }

    double weight() {
        return weight;
    }

    double missingShift() {
        return missingShift;
    }

    boolean machine() {
        return machine;
    }
}
