package io.leadscorer.scorer.control;

import io.leadscorer.avro.ModelCommand;
import java.util.Comparator;

/** A control command as read from the topic, with where it was read, to order commands of equal sequence. */
public record ControlRecord(ModelCommand command, int partition, long offset) {

    /** Oldest first: by sequence, then (for commands without one, sequence 0) by position in the topic. */
    public static final Comparator<ControlRecord> ORDER = Comparator
            .comparingLong((ControlRecord record) -> record.command().getSequence())
            .thenComparingInt(ControlRecord::partition)
            .thenComparingLong(ControlRecord::offset);

    @Override
    public String toString() {
        return command.getAction() + " " + command.getModelId() + " (sequence " + command.getSequence() + ", "
                + partition + "@" + offset + ")";
    }
}
