package io.leadscorer.scorer.batch;

import io.leadscorer.avro.MqlEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The leads of one task waiting to be scored, kept in a changelogged key-value store under a per-task sequence
 * number so that iteration is input order and a crash loses nothing: the store is restored from its changelog and
 * {@link #restore} picks up the count, the head and the next sequence number from it. Reads start at the head
 * sequence rather than the start of the store, so the tombstones of scored leads are never scanned again. The event
 * decoded from a lead when it arrived is kept in memory beside it, so a lead is decoded once; only leads restored
 * from the changelog (or buffered while the registry was unavailable) have none and are decoded when scored.
 */
public final class LeadBuffer {

    private final KeyValueStore<Long, BufferedLead> store;
    private final Map<Long, MqlEvent> decoded = new HashMap<>();
    private long headSequence;
    private long nextSequence;
    private int size;
    private long oldestBufferedAtMs;

    private LeadBuffer(KeyValueStore<Long, BufferedLead> store) {
        this.store = store;
    }

    /** The buffer over {@code store}, with whatever it already holds (after a restart or a task migration). */
    public static LeadBuffer restore(KeyValueStore<Long, BufferedLead> store) {
        LeadBuffer buffer = new LeadBuffer(store);
        try (KeyValueIterator<Long, BufferedLead> entries = store.all()) {
            while (entries.hasNext()) {
                KeyValue<Long, BufferedLead> entry = entries.next();
                if (buffer.size == 0) {
                    buffer.headSequence = entry.key;
                    buffer.oldestBufferedAtMs = entry.value.readable() ? entry.value.bufferedAtMs() : Long.MIN_VALUE / 2;
                }
                buffer.size++;
                buffer.nextSequence = entry.key + 1;
            }
        }
        return buffer;
    }

    public void append(BufferedLead lead) {
        append(lead, null);
    }

    /** Appends a lead with the event already decoded from it ({@code null} when it is still to be decoded). */
    public void append(BufferedLead lead, MqlEvent event) {
        if (event != null) {
            decoded.put(nextSequence, event);
        }
        if (size == 0) {
            headSequence = nextSequence;
            oldestBufferedAtMs = lead.bufferedAtMs();
        }
        store.put(nextSequence++, lead);
        size++;
    }

    /** The event decoded from the lead under {@code sequence} when it was appended; null when there is none. */
    public MqlEvent decoded(long sequence) {
        return decoded.get(sequence);
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** True when the oldest lead was buffered at least {@code maxWaitMs} before {@code nowMs}. */
    public boolean oldestHasWaited(long nowMs, long maxWaitMs) {
        return size > 0 && nowMs - oldestBufferedAtMs >= maxWaitMs;
    }

    /** Up to {@code max} of the oldest leads, in input order, still in the buffer until {@link #remove}d. */
    public List<KeyValue<Long, BufferedLead>> oldest(int max) {
        List<KeyValue<Long, BufferedLead>> batch = new ArrayList<>(Math.min(max, size));
        try (KeyValueIterator<Long, BufferedLead> entries = fromHead()) {
            while (entries.hasNext() && batch.size() < max) {
                batch.add(entries.next());
            }
        }
        return batch;
    }

    /** Removes a batch taken by {@link #oldest}: the head of the buffer. */
    public void remove(List<KeyValue<Long, BufferedLead>> batch) {
        if (batch.isEmpty()) {
            return;
        }
        for (KeyValue<Long, BufferedLead> entry : batch) {
            store.delete(entry.key);
            decoded.remove(entry.key);
        }
        size -= batch.size();
        headSequence = batch.get(batch.size() - 1).key + 1;
        if (size > 0) {
            try (KeyValueIterator<Long, BufferedLead> entries = fromHead()) {
                KeyValue<Long, BufferedLead> head = entries.next();
                headSequence = head.key;
                oldestBufferedAtMs = head.value.readable() ? head.value.bufferedAtMs() : Long.MIN_VALUE / 2;
            }
        }
    }

    private KeyValueIterator<Long, BufferedLead> fromHead() {
        return store.range(headSequence, Long.MAX_VALUE);
    }
}
