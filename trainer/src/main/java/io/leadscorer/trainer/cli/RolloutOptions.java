package io.leadscorer.trainer.cli;

import io.leadscorer.avro.RolloutMetric;
import picocli.CommandLine.Option;

/**
 * Options of the commands that change what is live or in shadow (`deploy`, `shadow`, `promote`, `train --publish`):
 * the rollout policy the command carries for the monitor, each flag an override of its trainer.publish.rollout.*
 * setting (the others through --set), and the override of a pin.
 */
public class RolloutOptions {
    @Setting("trainer.publish.rollout.metric")
    @Option(names = "--metric", paramLabel = "METRIC",
            description = "what the monitor compares the models on: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
    RolloutMetric metric;

    @Setting("trainer.publish.rollout.margin")
    @Option(names = "--margin", paramLabel = "M",
            description = "the improvement's interval must clear this margin, in the metric's units "
                    + "(default ${DEFAULT-VALUE})")
    double margin;

    @Setting("trainer.publish.rollout.max-shadow")
    @Option(names = "--max-shadow", paramLabel = "DURATION",
            description = "the longest a candidate stays in shadow, e.g. 24h or 3d (default ${DEFAULT-VALUE})")
    String maxShadow;

    @Setting("trainer.publish.rollout.guard")
    @Option(names = "--guard", paramLabel = "DURATION",
            description = "how long the replaced live model stays in shadow to be returned to; 0s: no guard "
                    + "(default ${DEFAULT-VALUE})")
    String guard;

    @Option(names = "--unpin", description = "send the command even though a manual rollback pinned the deployment, "
            + "and unpin it")
    boolean unpin;
}
