package io.leadscorer.sandbox.benchmark.soak;

/**
 * What one process holds at a moment: resident memory (VmRSS) and its anonymous part (smaps_rollup), the Java heap
 * committed and the total committed as native memory tracking sees them (-1 where the JVM does not track), open file
 * descriptors and threads. Memory in KiB.
 */
public record ProcessFootprint(long rssKib, long anonymousKib, long heapCommittedKib, long trackedCommittedKib,
                               int openFiles, int threads) {

    /** Resident memory outside the committed Java heap: native allocations, metaspace, code, thread stacks. */
    public long outsideHeapKib() {
        return heapCommittedKib < 0 ? -1 : rssKib - heapCommittedKib;
    }
}
