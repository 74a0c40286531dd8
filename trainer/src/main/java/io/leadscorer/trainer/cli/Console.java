package io.leadscorer.trainer.cli;

import java.io.PrintStream;

/** Where commands write: results to {@code out} (the last line is the machine-readable one), the rest to {@code err}. */
public record Console(PrintStream out, PrintStream err) {}
