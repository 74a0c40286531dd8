package io.leadscorer.sandbox.benchmark.soak;

import java.util.Locale;

/**
 * One scorer process at one sampling moment of the soak, with the fleet's figures of the same moment: seconds since
 * the steady load began, the process's footprint, the leads it scored per second and its open model generations
 * since the previous sample, the committed scores per second the reader saw, the backlog (leads acknowledged and
 * not yet scored) and the swaps sent so far. One line of the soak's CSV.
 */
record SoakSample(long elapsedSeconds, String scorer, long pid, ProcessFootprint footprint, double scoredPerSecond,
                  double generationsOpen, double fleetScoredPerSecond, long backlog, int swaps) {

    static final String CSV_HEADER = "elapsed_s,scorer,pid,rss_kib,anonymous_kib,heap_committed_kib,"
            + "tracked_committed_kib,outside_heap_kib,open_files,threads,scored_per_s,generations_open,"
            + "fleet_scored_per_s,backlog,swaps";

    String csv() {
        return String.format(Locale.ROOT, "%d,%s,%d,%d,%d,%d,%d,%d,%d,%d,%.1f,%.0f,%.1f,%d,%d", elapsedSeconds, scorer,
                pid, footprint.rssKib(), footprint.anonymousKib(), footprint.heapCommittedKib(),
                footprint.trackedCommittedKib(), footprint.outsideHeapKib(), footprint.openFiles(), footprint.threads(),
                scoredPerSecond, generationsOpen, fleetScoredPerSecond, backlog, swaps);
    }
}
