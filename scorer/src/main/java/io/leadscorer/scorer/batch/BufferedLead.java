package io.leadscorer.scorer.batch;

/** A lead waiting in the buffer: its original record and the wall-clock time it was buffered at. */
public record BufferedLead(SourceRecord source, long bufferedAtMs) {
}
