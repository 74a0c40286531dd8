package io.leadscorer.trainer.benchmark;

import io.leadscorer.model.explain.ReasonAttribution;
import java.util.List;

/** The reason attributions a benchmark's argument names: one of them, or {@code both}. */
final class BenchmarkAttributions {

    private BenchmarkAttributions() {}

    static List<ReasonAttribution> parse(String argument) {
        return "both".equalsIgnoreCase(argument.strip()) ? List.of(ReasonAttribution.values())
                : List.of(ReasonAttribution.parse(argument));
    }
}
