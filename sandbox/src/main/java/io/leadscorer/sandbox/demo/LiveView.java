package io.leadscorer.sandbox.demo;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * The demo's live view. On a terminal it redraws a small block in place (ANSI cursor movement) every second; when
 * standard output is not a terminal it prints one plain line per call, with no carriage returns or escapes, so logs
 * and pipes stay readable.
 */
final class LiveView {

    /** One frame: the counters, what each instance serves, and the deployment's live and shadow models. */
    record Frame(double seconds, long sent, long planned, long scored, long deadLettered, double leadsPerSecond,
                 double p50, double p99, List<String> instances, String models, List<String> quality,
                 String tiers, String serving) {
    }

    private final PrintStream out;
    private final boolean terminal;
    private int lastLines;

    LiveView(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    boolean terminal() {
        return terminal;
    }

    void show(Frame frame) {
        if (terminal) {
            List<String> lines = new java.util.ArrayList<>();
            lines.add(String.format(Locale.ROOT, "  %5.0f s   produced %,d%s   scored %,d   dead-lettered %,d",
                    frame.seconds(), frame.sent(), frame.planned() == Long.MAX_VALUE ? "" : " / " + String.format(Locale.ROOT, "%,d", frame.planned()),
                    frame.scored(), frame.deadLettered()));
            lines.add(String.format(Locale.ROOT, "  %,8.0f leads/s   event-to-score p50 %s   p99 %s", frame.leadsPerSecond(),
                    millis(frame.p50()), millis(frame.p99())));
            for (String instance : frame.instances()) {
                lines.add("  " + instance);
            }
            lines.add("  models served: " + frame.models());
            lines.add("  rollout: " + frame.serving());
            lines.add("  tiers: " + frame.tiers());
            for (String model : frame.quality()) {
                lines.add("  live quality " + model);
            }
            StringBuilder text = new StringBuilder();
            if (lastLines > 0) {
                text.append("\033[").append(lastLines).append('F').append("\033[J");
            }
            for (String line : lines) {
                text.append(line).append(System.lineSeparator());
            }
            out.print(text);
            out.flush();
            lastLines = lines.size();
        } else {
            out.println(String.format(Locale.ROOT, "[%4.0f s] produced=%d scored=%d dead_lettered=%d leads/s=%.0f p50=%s p99=%s %s models=%s",
                    frame.seconds(), frame.sent(), frame.scored(), frame.deadLettered(), frame.leadsPerSecond(),
                    millis(frame.p50()), millis(frame.p99()), String.join(" ", frame.instances()), frame.models())
                    + (frame.quality().isEmpty() ? "" : " quality=[" + String.join("; ", frame.quality()) + "]")
                    + " tiers=[" + frame.tiers() + "] rollouts=[" + frame.serving() + "]");
        }
    }

    /** Forgets the last frame, so the next one starts below whatever was printed in between. */
    void release() {
        lastLines = 0;
    }

    private static String millis(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.0f ms", value);
    }
}
