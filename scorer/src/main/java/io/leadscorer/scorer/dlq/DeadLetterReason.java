package io.leadscorer.scorer.dlq;

/** Why a record went to the dead-letter topic; the {@code dlq.error.reason} header and the metric tag. */
public enum DeadLetterReason {
    /** Null value, bad magic byte, or bytes that do not decode with the writer's schema. */
    UNDECODABLE,
    /** The value names a schema id the registry does not know. */
    UNKNOWN_SCHEMA,
    /** The lead id is null, empty or blank. */
    MISSING_LEAD_ID,
    /** The value is longer than the configured maximum. */
    VALUE_TOO_LARGE,
    /** The key is longer than the configured maximum. */
    KEY_TOO_LARGE,
    /** More headers, or more header bytes (keys and values), than the configured maximum. */
    HEADERS_TOO_LARGE,
    /** A buffered lead whose changelog entry could not be read back (unknown format version, corrupt bytes). */
    UNRESTORABLE,
    /** The predictor failed on the lead, or returned no valid probability for it. */
    UNSCORABLE;

    /** The header and tag spelling, e.g. {@code value_too_large}. */
    public String tag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
