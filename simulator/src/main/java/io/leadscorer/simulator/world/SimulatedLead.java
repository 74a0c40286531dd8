package io.leadscorer.simulator.world;

import io.leadscorer.avro.MqlEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One simulated MQL: its recorded row (the 28 columns, null where missing), its true conversion probability
 * and the label drawn from it. Views: the Avro event a marketing platform would publish, and the CSV row of
 * the competition layout.
 */
public final class SimulatedLead {

    /** CSV header of the label column. */
    public static final String LABEL = "is_converted";

    private final long index;
    private final String leadId;
    private final String source;
    private final Instant eventTime;
    private final Object[] values;
    private final double logit;
    private final double probability;
    private final IdLatents idLatents;
    private final boolean converted;

    SimulatedLead(long index, String leadId, String source, Instant eventTime, Object[] values, double logit,
                  IdLatents idLatents, boolean converted) {
        this.index = index;
        this.leadId = leadId;
        this.source = source;
        this.eventTime = eventTime;
        this.values = values;
        this.logit = logit;
        this.probability = Draws.sigmoid(logit);
        this.idLatents = idLatents;
        this.converted = converted;
    }

    /** Position of the lead in its sample (0 for the first). */
    public long index() {
        return index;
    }

    public String leadId() {
        return leadId;
    }

    /** Marketing platform that published the lead (not a CSV column). */
    public String source() {
        return source;
    }

    public Instant eventTime() {
        return eventTime;
    }

    /** The column's value ({@code Double}, {@code Long} or {@code String} by {@link Column#kind()}), null when missing. */
    public Object value(Column column) {
        return values[column.ordinal()];
    }

    /** True probability that this lead converts; the label was drawn from it. */
    public double probability() {
        return probability;
    }

    /** True log-odds of conversion: the logit of {@link #probability()}. */
    public double logit() {
        return logit;
    }

    /** The company and owner latents inside {@link #logit()}. */
    public IdLatents idLatents() {
        return idLatents;
    }

    public boolean converted() {
        return converted;
    }

    /** The lead as the Avro event a marketing platform publishes on {@code mql.events}. */
    public MqlEvent event() {
        MqlEvent event = new MqlEvent();
        event.setLeadId(leadId);
        event.setEventTime(eventTime);
        event.setSource(source);
        for (Column column : Column.values()) {
            event.put(column.avroName(), values[column.ordinal()]);
        }
        return event;
    }

    /** The lead as a competition CSV row: header name to cell (empty when missing), then {@code is_converted}. */
    public Map<String, String> csvRow() {
        Map<String, String> row = new LinkedHashMap<>();
        for (Column column : Column.values()) {
            row.put(column.csvName(), Column.cell(values[column.ordinal()]));
        }
        row.put(LABEL, label());
        return row;
    }

    /** The label as the competition CSV writes it. */
    public String label() {
        return converted ? "True" : "False";
    }

    @Override
    public String toString() {
        return leadId + csvRow();
    }
}
