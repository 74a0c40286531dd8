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
 *
 * <p>Leads handed to a batch that is still being scored are {@link #take taken}: they stay in the store (a commit while
 * their batch runs keeps them, so a crash scores them again) but the next batch starts after them. Which leads are
 * taken is kept in memory only; {@link #putBack} makes them the next batch's again.
 */
public final class LeadBuffer {

    private final KeyValueStore<Long, BufferedLead> store;
    private final Map<Long, MqlEvent> decoded = new HashMap<>();
    private long headSequence;
    private long nextSequence;
    private int size;
    private int taken;
    private long firstUntaken;
    private long oldestUntakenAtMs;

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
                    buffer.untakenFrom(entry);
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
        }
        if (size == taken) {
            firstUntaken = nextSequence;
            oldestUntakenAtMs = lead.bufferedAtMs();
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

    /** Leads not taken by a batch in flight. */
    public int untaken() {
        return size - taken;
    }

    /** True when the oldest lead not taken by a batch was buffered at least {@code maxWaitMs} before {@code nowMs}. */
    public boolean oldestUntakenHasWaited(long nowMs, long maxWaitMs) {
        return untaken() > 0 && nowMs - oldestUntakenAtMs >= maxWaitMs;
    }

    /**
     * Up to {@code max} of the oldest leads not yet taken, in input order, now taken by a batch: still in the buffer
     * until {@link #remove}d, but not in the next batch.
     */
    public List<KeyValue<Long, BufferedLead>> take(int max) {
        List<KeyValue<Long, BufferedLead>> batch = new ArrayList<>(Math.min(max, untaken()));
        if (untaken() == 0) {
            return batch;
        }
        try (KeyValueIterator<Long, BufferedLead> entries = store.range(firstUntaken, Long.MAX_VALUE)) {
            while (entries.hasNext() && batch.size() < max) {
                batch.add(entries.next());
            }
            taken += batch.size();
            if (entries.hasNext()) {
                untakenFrom(entries.next());
            }
        }
        return batch;
    }

    /** Gives back the taken leads from {@code sequence} on: the next batch starts with them. */
    public void putBack(long sequence) {
        int givenBack = 0;
        KeyValue<Long, BufferedLead> first = null;
        try (KeyValueIterator<Long, BufferedLead> entries = store.range(sequence, Long.MAX_VALUE)) {
            while (entries.hasNext()) {
                KeyValue<Long, BufferedLead> entry = entries.next();
                if (untaken() > 0 && entry.key >= firstUntaken) {
                    break;
                }
                if (first == null) {
                    first = entry;
                }
                givenBack++;
            }
        }
        if (givenBack > 0) {
            taken -= givenBack;
            untakenFrom(first);
        }
    }

    /** Gives back every taken lead. */
    public void putBack() {
        if (taken > 0) {
            putBack(headSequence);
        }
    }

    private void untakenFrom(KeyValue<Long, BufferedLead> entry) {
        firstUntaken = entry.key;
        oldestUntakenAtMs = entry.value.readable() ? entry.value.bufferedAtMs() : Long.MIN_VALUE / 2;
    }

    /** Removes the head of the buffer: the first batch {@link #take}n. */
    public void remove(List<KeyValue<Long, BufferedLead>> batch) {
        if (batch.isEmpty()) {
            return;
        }
        for (KeyValue<Long, BufferedLead> entry : batch) {
            store.delete(entry.key);
            decoded.remove(entry.key);
        }
        taken = Math.max(0, taken - batch.size());
        size -= batch.size();
        headSequence = batch.get(batch.size() - 1).key + 1;
        if (size > 0) {
            try (KeyValueIterator<Long, BufferedLead> entries = fromHead()) {
                KeyValue<Long, BufferedLead> head = entries.next();
                headSequence = head.key;
                if (taken == 0) {
                    untakenFrom(head);
                }
            }
        }
    }

    private KeyValueIterator<Long, BufferedLead> fromHead() {
        return store.range(headSequence, Long.MAX_VALUE);
    }
}
