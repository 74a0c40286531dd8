package io.leadscorer.sandbox.demo;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/** {@code ./lead-scorer demo}: the options of a {@link Demo} run; exit 0 when the summary is OK, 1 otherwise. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs the whole system in this JVM: a Kafka broker (KRaft) and a Schema Registry on free localhost "
                + "ports, three models trained on simulated leads (kept in the model store and reused), scorer instances in "
                + "one consumer group, the monitor, a live stream of simulated leads with poison records and outcomes, "
                + "rollouts through the control topic (a broken candidate in shadow, a better one in shadow, the broken "
                + "one deployed directly) decided by the monitor, a live view and a summary; the last line is one JSON "
                + "object.",
                "Exit code 0 when no lead was lost or scored twice, every poison record reached the DLQ, every outcome "
                        + "was counted once, and the broken model was neither promoted nor left live."})
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--leads", defaultValue = "20000", description = "leads to stream (default: ${DEFAULT-VALUE})")
    long leads;

    @Option(names = "--rate", defaultValue = "400", description = "leads per second (default: ${DEFAULT-VALUE})")
    double rate;

    @Option(names = "--instances", defaultValue = "2", description = "scorer instances in one group (default: ${DEFAULT-VALUE})")
    int instances;

    @Option(names = "--store", paramLabel = "DIR", description = "model store (default: ~/.lead-scorer/models)")
    Path store;

    @Option(names = "--fresh", description = "train new models even when the store holds the demo's models")
    boolean fresh;

    @Option(names = "--keep-running", description = "stream until Ctrl-C, then stop cleanly and print the summary")
    boolean keepRunning;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT", description = "use this Kafka instead of the embedded one")
    String bootstrap;

    @Option(names = "--registry", paramLabel = "URL", description = "use this Schema Registry instead of the embedded one")
    String registry;

    @Option(names = "--tiny", hidden = true, description = "train tiny models (seconds; for tests)")
    boolean tiny;

    @Override
    public Integer call() throws Exception {
        Path modelStore = store != null ? store : Path.of(System.getProperty("user.home"), ".lead-scorer", "models");
        DemoOptions options = new DemoOptions(keepRunning ? Long.MAX_VALUE : leads, rate, instances, modelStore, fresh,
                keepRunning, bootstrap, registry, tiny ? TrainingProfile.tiny() : TrainingProfile.demo(), null,
                DemoOptions.demoPolicy());
        Demo demo = new Demo(options, System.out, System.console() != null);
        onInterrupt(demo);
        DemoSummary summary = demo.run();
        System.out.print(summary.forPerson());
        System.out.println(summary.toJson());
        System.out.flush();
        return summary.ok() ? 0 : 1;
    }

    /**
     * Ctrl-C (and TERM) ask the demo to stop sending and finish cleanly, instead of starting the JVM's shutdown: the
     * embedded broker's test kit deletes its log directories in a shutdown hook, which would take Kafka away while
     * the scorers drain. A second Ctrl-C quits at once.
     */
    @SuppressWarnings("sunapi")
    private static void onInterrupt(Demo demo) {
        AtomicInteger signals = new AtomicInteger();
        SignalHandler handler = signal -> {
            if (signals.incrementAndGet() == 1) {
                System.err.println("\nstopping: no more leads are sent; waiting for every lead's score (Ctrl-C again quits now)");
                demo.requestStop();
            } else {
                System.exit(130);
            }
        };
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), handler);
            } catch (IllegalArgumentException unsupported) {
                // a platform without this signal
            }
        }
    }
}
