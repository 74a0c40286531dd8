package io.leadscorer.scorer.batch;

/**
 * A lead waiting in the buffer: its original record and the wall-clock time it was buffered at. {@code damage} is
 * null for a readable entry; for a changelog entry that could not be read back (unknown format version, corrupt
 * bytes) it says why, and {@code source} then holds the stored bytes as its value so they can be dead-lettered.
 */
public record BufferedLead(SourceRecord source, long bufferedAtMs, String damage) {

    public BufferedLead(SourceRecord source, long bufferedAtMs) {
        this(source, bufferedAtMs, null);
    }

    /** An entry that could not be restored: the stored bytes and why. */
    static BufferedLead unreadable(byte[] stored, String damage) {
        return new BufferedLead(new SourceRecord(null, stored, java.util.List.of(), "", -1, -1L, -1L), 0L, damage);
    }

    public boolean readable() {
        return damage == null;
    }
}
