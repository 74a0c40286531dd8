package io.leadscorer.trainer.train;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * The console progress bar of one epoch: rows done, elapsed time and ETA, rows/s, the running training loss and
 * the validation F1 of the previous epoch (the current epoch's is logged when the epoch ends). On a terminal it
 * redraws in place every second; otherwise (a log file, a pipe, a test) it prints a plain line every
 * {@value #PLAIN_INTERVAL_MILLIS} ms and one when the epoch ends, with no carriage returns. Closing a bar renders it
 * more than once (the first of them with a stale percentage), so in plain mode only the last render of the close is
 * printed.
 */
final class EpochProgress implements AutoCloseable {
    /** Wide enough for the bar beside the counts, the times, the speed and the message on one line. */
    private static final int WIDTH = 150;
    static final int PLAIN_INTERVAL_MILLIS = 10_000;
    private final ProgressBar bar;
    private final String lastF1;
    private final PrintStream out;
    private volatile boolean closing;
    private volatile String closingLine;

    EpochProgress(PrintStream out, String stage, int epoch, int epochs, long rows, double lastValidationF1) {
        this(out, stage, epoch, epochs, rows, lastValidationF1, System.console() != null);
    }

    EpochProgress(PrintStream out, String stage, int epoch, int epochs, long rows, double lastValidationF1,
                  boolean terminal) {
        this.out = out;
        this.bar = new ProgressBarBuilder()
                .setTaskName(String.format(Locale.ROOT, "%s %d/%d", stage, epoch, epochs))
                .setInitialMax(rows)
                .setUnit(" rows", 1)
                .showSpeed()
                .setSpeedUnit(ChronoUnit.SECONDS)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(terminal ? 1000 : PLAIN_INTERVAL_MILLIS)
                // the consumer's own width: without it the bar asks the terminal, and outside one it shrinks to nothing
                .setConsumer(terminal ? new ConsoleProgressBarConsumer(out, WIDTH)
                        : new DelegatingProgressBarConsumer(this::plainLine, WIDTH))
                .build();
        this.lastF1 = Double.isNaN(lastValidationF1) ? "-" : String.format(Locale.ROOT, "%.4f", lastValidationF1);
    }

    void advance(int rows, double runningLoss) {
        bar.stepBy(rows);
        bar.setExtraMessage(String.format(Locale.ROOT, " loss %.4f, last val F1 %s", runningLoss, lastF1));
    }

    /** Shows the finished epoch's validation figures on its bar (rendered once more when the bar closes). */
    void validated(double trainingLoss, double validationLoss, double validationF1) {
        bar.setExtraMessage(String.format(Locale.ROOT, " loss %.4f, val loss %.4f, val F1 %.4f", trainingLoss,
                validationLoss, validationF1));
    }

    Duration elapsed() {
        return bar.getTotalElapsed();
    }

    private void plainLine(String line) {
        if (closing) {
            closingLine = line;
        } else {
            out.println(line);
        }
    }

    @Override
    public void close() {
        closing = true;
        bar.close();
        if (closingLine != null) {
            out.println(closingLine);
        }
    }
}
