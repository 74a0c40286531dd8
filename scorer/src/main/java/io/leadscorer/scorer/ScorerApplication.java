package io.leadscorer.scorer;

/** Entry point of the scorer; the streams topology is not built yet (see the scorer issue). */
public final class ScorerApplication {
    private ScorerApplication() {}

    public static void main(String[] args) {
        System.err.println("lead-scorer scorer: not built yet");
        System.exit(2);
    }
}
