package io.leadscorer.sandbox.benchmark.soak;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The part of a soak its goals are judged on: from a third of the duration to its end (minute 10 to minute 30 of a
 * 30-minute soak), when start-up, JIT compilation and the first swaps are behind. Growth compares the mean of the
 * samples in the window's first thirtieth of the duration (its first minute, for 30 minutes) with that of the last
 * thirtieth, each at least one sample. "No growth" compares the highest value in the window's last third with the
 * highest in its first third, so that a count that moves up and down, as open files do when connections and state
 * files come and go, passes and one that keeps climbing does not.
 */
final class SoakWindow {

    private final List<SoakSample> samples;
    private final double start;
    private final double end;
    private final double span;

    /** One process's samples, in time order; the last one may come a little after the duration. */
    SoakWindow(List<SoakSample> samples, long durationSeconds) {
        this.samples = List.copyOf(samples);
        this.start = durationSeconds / 3.0;
        this.end = Math.max(durationSeconds, samples.isEmpty() ? 0 : samples.get(samples.size() - 1).elapsedSeconds());
        this.span = durationSeconds / 30.0;
        if (inWindow().isEmpty()) {
            throw new IllegalArgumentException("No sample between " + start + " s and " + end + " s");
        }
    }

    double startSeconds() {
        return start;
    }

    double endSeconds() {
        return end;
    }

    double atStart(ToDoubleFunction<SoakSample> figure) {
        List<SoakSample> first = samples.stream()
                .filter(s -> s.elapsedSeconds() >= start && s.elapsedSeconds() < start + span).toList();
        return mean(first.isEmpty() ? inWindow().subList(0, 1) : first, figure);
    }

    double atEnd(ToDoubleFunction<SoakSample> figure) {
        List<SoakSample> last = samples.stream()
                .filter(s -> s.elapsedSeconds() > end - span && s.elapsedSeconds() <= end).toList();
        List<SoakSample> window = inWindow();
        return mean(last.isEmpty() ? window.subList(window.size() - 1, window.size()) : last, figure);
    }

    /** From the window's start to its end, in per cent of the start. */
    double growthPercent(ToDoubleFunction<SoakSample> figure) {
        return 100.0 * (atEnd(figure) / atStart(figure) - 1);
    }

    /** Whether the highest value in the window's last third is no higher than the highest in its first third. */
    boolean flat(ToDoubleFunction<SoakSample> figure) {
        return maxOf(third(2), figure) <= maxOf(third(0), figure);
    }

    double maxOf(List<SoakSample> of, ToDoubleFunction<SoakSample> figure) {
        return of.stream().mapToDouble(figure).max().orElse(Double.NaN);
    }

    /** The window's first (0), middle (1) or last (2) third. */
    List<SoakSample> third(int which) {
        double length = (end - start) / 3;
        double from = start + which * length;
        return which == 2 ? between(from, end) : samples.stream()
                .filter(s -> s.elapsedSeconds() >= from && s.elapsedSeconds() < from + length).toList();
    }

    static double mean(List<SoakSample> of, ToDoubleFunction<SoakSample> figure) {
        return of.stream().mapToDouble(figure).average().orElse(Double.NaN);
    }

    private List<SoakSample> inWindow() {
        return between(start, end);
    }

    private List<SoakSample> between(double from, double to) {
        return samples.stream().filter(s -> s.elapsedSeconds() >= from && s.elapsedSeconds() <= to).toList();
    }
}
