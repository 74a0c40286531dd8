package io.leadscorer.trainer.cli;

import picocli.CommandLine.Option;

/**
 * Where the operator commands (and `train --publish`) reach the scorers; each flag overrides its trainer.publish.*
 * setting, and so do environment variables (TRAINER_PUBLISH_BOOTSTRAP, ...), a --config file or --set for secrets
 * such as --set ssl.keystore.password=... that should not appear on a command line.
 */
public class ControlOptions {
    @Setting("trainer.publish.bootstrap")
    @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers (default ${DEFAULT-VALUE})")
    String bootstrap;

    @Setting("trainer.publish.registry-url")
    @Option(names = "--registry", paramLabel = "URL", description = "Schema Registry URL (default ${DEFAULT-VALUE})")
    String registry;

    @Setting("trainer.publish.control-topic")
    @Option(names = "--control-topic", paramLabel = "TOPIC", description = "control topic (default ${DEFAULT-VALUE})")
    String controlTopic;

    @Setting("trainer.publish.status-topic")
    @Option(names = "--status-topic", paramLabel = "TOPIC", description = "status topic (default ${DEFAULT-VALUE})")
    String statusTopic;

    @Setting("trainer.publish.target")
    @Option(names = "--target", paramLabel = "APPLICATION_ID",
            description = "the scorer deployment addressed: its application id (default ${DEFAULT-VALUE})")
    String target;

    @Setting("trainer.publish.requested-by")
    @Option(names = "--requested-by", paramLabel = "NAME",
            description = "who sends the command, shown with a pin and in `status` (default ${DEFAULT-VALUE})")
    String requestedBy;
}
