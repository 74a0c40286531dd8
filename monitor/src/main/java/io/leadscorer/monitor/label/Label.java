package io.leadscorer.monitor.label;

/** What is known of a lead's outcome: nothing yet, an explicit negative (which a later positive overturns), a positive (final). */
public enum Label {
    NONE, NEGATIVE, POSITIVE
}
