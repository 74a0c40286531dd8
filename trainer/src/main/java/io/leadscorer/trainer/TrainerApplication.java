package io.leadscorer.trainer;

/** Entry point of the trainer; the training pipeline is not built yet (see the trainer issue). */
public final class TrainerApplication {
    private TrainerApplication() {}

    public static void main(String[] args) {
        System.err.println("lead-scorer trainer: not built yet");
        System.exit(2);
    }
}
