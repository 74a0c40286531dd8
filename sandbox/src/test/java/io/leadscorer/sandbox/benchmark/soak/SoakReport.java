package io.leadscorer.sandbox.benchmark.soak;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The soak's verdict: per scorer process, resident memory and memory outside the Java heap grown by at most 5% over
 * the {@link SoakWindow}, open files and threads not growing; for the fleet, committed scores per second within 5%
 * of the offered rate in each third of the window; and at the end every acknowledged lead with exactly one committed
 * score.
 */
final class SoakReport {

    static final double MEMORY_GROWTH_LIMIT_PERCENT = 5;
    static final double THROUGHPUT_TOLERANCE = 0.05;

    /** What the read_committed reader found once the load had stopped and the fleet had caught up. */
    record ExactlyOnce(long acknowledged, long failedSends, long scoredDistinct, long lost, long duplicated) {

        boolean met() {
            return failedSends == 0 && lost == 0 && duplicated == 0;
        }
    }

    private final Map<String, SoakWindow> windows = new LinkedHashMap<>();
    private final double offeredPerSecond;
    private final ExactlyOnce exactlyOnce;
    private final List<Boolean> verdicts = new ArrayList<>();

    /** Samples in time order, of every scorer process. */
    SoakReport(List<SoakSample> samples, long durationSeconds, double offeredPerSecond, ExactlyOnce exactlyOnce) {
        Map<String, List<SoakSample>> byScorer = new LinkedHashMap<>();
        samples.forEach(s -> byScorer.computeIfAbsent(s.scorer(), k -> new ArrayList<>()).add(s));
        byScorer.forEach((scorer, of) -> windows.put(scorer, new SoakWindow(of, durationSeconds)));
        this.offeredPerSecond = offeredPerSecond;
        this.exactlyOnce = exactlyOnce;
    }

    /** Whether every goal was met. */
    boolean met() {
        table();
        return !verdicts.contains(false);
    }

    String table() {
        verdicts.clear();
        StringBuilder out = new StringBuilder();
        SoakWindow any = windows.values().iterator().next();
        out.append(String.format(Locale.ROOT, "| scorer | what | at %.1f min | at %.1f min | change | goal | |%n",
                any.startSeconds() / 60, any.endSeconds() / 60));
        out.append("|---|---|---|---|---|---|---|").append(System.lineSeparator());
        windows.forEach((scorer, window) -> {
            growth(out, scorer, window, "resident memory (VmRSS), MiB", s -> s.footprint().rssKib() / 1024.0);
            growth(out, scorer, window, "outside the Java heap (RSS - heap committed), MiB",
                    s -> s.footprint().outsideHeapKib() / 1024.0);
            information(out, scorer, window, "anonymous memory (smaps_rollup), MiB",
                    s -> s.footprint().anonymousKib() / 1024.0);
            information(out, scorer, window, "committed as native memory tracking sees it, MiB",
                    s -> s.footprint().trackedCommittedKib() / 1024.0);
            flat(out, scorer, window, "open files", s -> s.footprint().openFiles());
            flat(out, scorer, window, "threads", s -> s.footprint().threads());
            information(out, scorer, window, "model generations open", SoakSample::generationsOpen);
            information(out, scorer, window, "leads scored by this process per second", SoakSample::scoredPerSecond);
        });
        throughput(out, any);
        boolean once = exactlyOnce.met();
        verdicts.add(once);
        out.append(String.format(Locale.ROOT, "| fleet | exactly once (read_committed) | | %d leads acknowledged, %d"
                        + " failed sends | %d lost, %d duplicated | every lead one committed score | %s |%n",
                exactlyOnce.acknowledged(), exactlyOnce.failedSends(), exactlyOnce.lost(), exactlyOnce.duplicated(),
                verdict(once)));
        return out.toString();
    }

    private void growth(StringBuilder out, String scorer, SoakWindow window, String what,
                        ToDoubleFunction<SoakSample> figure) {
        double growth = window.growthPercent(figure);
        boolean met = growth <= MEMORY_GROWTH_LIMIT_PERCENT;
        verdicts.add(met);
        out.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %.1f | %+.1f%% | at most +%.0f%% | %s |%n", scorer,
                what, window.atStart(figure), window.atEnd(figure), growth, MEMORY_GROWTH_LIMIT_PERCENT, verdict(met)));
    }

    private void flat(StringBuilder out, String scorer, SoakWindow window, String what,
                      ToDoubleFunction<SoakSample> figure) {
        boolean met = window.flat(figure);
        verdicts.add(met);
        out.append(String.format(Locale.ROOT, "| %s | %s | %.0f | %.0f | highest %.0f in the first third, %.0f in the"
                        + " last | no growth | %s |%n", scorer, what, window.atStart(figure), window.atEnd(figure),
                window.maxOf(window.third(0), figure), window.maxOf(window.third(2), figure), verdict(met)));
    }

    private static void information(StringBuilder out, String scorer, SoakWindow window, String what,
                                    ToDoubleFunction<SoakSample> figure) {
        out.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %.1f | | | |%n", scorer, what, window.atStart(figure),
                window.atEnd(figure)));
    }

    private void throughput(StringBuilder out, SoakWindow window) {
        StringBuilder thirds = new StringBuilder();
        boolean met = true;
        for (int third = 0; third < 3; third++) {
            double mean = SoakWindow.mean(window.third(third), SoakSample::fleetScoredPerSecond);
            met &= Math.abs(mean / offeredPerSecond - 1) <= THROUGHPUT_TOLERANCE;
            thirds.append(third == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.0f", mean));
        }
        verdicts.add(met);
        out.append(String.format(Locale.ROOT, "| fleet | committed scores per second, by third of the window | %.0f"
                        + " | %.0f | %s; offered %.0f | each third within %.0f%% of the offered rate | %s |%n",
                window.atStart(SoakSample::fleetScoredPerSecond), window.atEnd(SoakSample::fleetScoredPerSecond),
                thirds, offeredPerSecond, THROUGHPUT_TOLERANCE * 100, verdict(met)));
        out.append(String.format(Locale.ROOT, "| fleet | backlog (acknowledged, not yet scored) | %.0f | %.0f | | | |%n",
                window.atStart(SoakSample::backlog), window.atEnd(SoakSample::backlog)));
    }

    private static String verdict(boolean met) {
        return met ? "met" : "missed";
    }
}
