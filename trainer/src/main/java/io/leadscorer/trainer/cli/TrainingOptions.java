package io.leadscorer.trainer.cli;

import picocli.CommandLine.Option;

/**
 * Flags for the training settings most often changed; every other setting is reachable with --set. Each flag's
 * default in --help is application.yml's ({@link SettingDefaults}).
 */
public class TrainingOptions {
    @Setting("trainer.seed")
    @Option(names = "--seed",
            description = "random seed (split, augmentation, initialisation, shuffling; default ${DEFAULT-VALUE})")
    Long seed;

    @Setting("trainer.validation-fraction")
    @Option(names = "--validation-fraction",
            description = "share of rows held out for validation (default ${DEFAULT-VALUE})")
    Double validationFraction;

    @Setting("trainer.device")
    @Option(names = "--device", description = "auto | cpu | gpu | gpu:N (default ${DEFAULT-VALUE})")
    String device;

    @Setting("trainer.threads")
    @Option(names = "--threads", description = "PyTorch CPU threads (default ${DEFAULT-VALUE})")
    Integer threads;

    @Setting("trainer.augment.copies")
    @Option(names = "--augment-copies",
            description = "copies of every True training row (0 = no augmentation; default ${DEFAULT-VALUE})")
    Integer augmentCopies;

    @Setting("trainer.augment.missing-rate")
    @Option(names = "--missing-rate",
            description = "chance that a cell of an augmented copy goes missing (default ${DEFAULT-VALUE})")
    Double missingRate;

    @Setting("trainer.prune.columns")
    @Option(names = "--prune-columns",
            description = "least important columns to drop (0 = keep all; default ${DEFAULT-VALUE})")
    Integer pruneColumns;

    @Setting("trainer.text.max-tokens")
    @Option(names = "--max-tokens",
            description = "tokens per lead, [CLS] and [SEP] included (default ${DEFAULT-VALUE})")
    Integer maxTokens;

    @Setting("trainer.text.coarse-columns")
    @Option(names = "--coarse-columns", paramLabel = "COLUMN,...",
            description = "number columns written to --coarse-digits significant digits, integers included "
                    + "(none: no column; default ${DEFAULT-VALUE})")
    String coarseColumns;

    @Setting("trainer.text.id-rate-columns")
    @Option(names = "--id-rate-columns", paramLabel = "COLUMN,...",
            description = "id columns whose training conversion rate and count become cells of the lead text "
                    + "(none: no column; default ${DEFAULT-VALUE})")
    String idRateColumns;

    @Setting("trainer.id-effects.columns")
    @Option(names = "--id-effect-columns", paramLabel = "COLUMN,...",
            description = "lead columns, or crosses of lead columns (a*b), whose per-value effects on the log-odds are "
                    + "learnt beside the network (none: off; default ${DEFAULT-VALUE})")
    String idEffectColumns;

    @Setting("trainer.text.coarse-digits")
    @Option(names = "--coarse-digits",
            description = "significant digits of the coarse columns (default ${DEFAULT-VALUE})")
    Integer coarseDigits;

    @Setting("trainer.network.hidden-size")
    @Option(names = "--hidden-size", description = "compact network: hidden size (default ${DEFAULT-VALUE})")
    Integer hiddenSize;

    @Setting("trainer.network.layers")
    @Option(names = "--layers", description = "compact network: encoder layers (default ${DEFAULT-VALUE})")
    Integer layers;

    @Setting("trainer.network.heads")
    @Option(names = "--heads", description = "compact network: attention heads (default ${DEFAULT-VALUE})")
    Integer heads;

    @Setting("trainer.network.intermediate-size")
    @Option(names = "--intermediate-size",
            description = "compact network: feed-forward size (default ${DEFAULT-VALUE})")
    Integer intermediateSize;

    @Setting("trainer.optimization.optimizer")
    @Option(names = "--optimizer", description = "sam | asam | adamw (default ${DEFAULT-VALUE})")
    String optimizer;

    @Setting("trainer.optimization.rho")
    @Option(names = "--rho", description = "SAM neighbourhood radius (default ${DEFAULT-VALUE})")
    Double rho;

    @Setting("trainer.optimization.epochs")
    @Option(names = "--epochs", description = "maximum epochs of the main stage (default ${DEFAULT-VALUE})")
    Integer epochs;

    @Setting("trainer.optimization.batch-size")
    @Option(names = "--batch-size", description = "leads per training step (default ${DEFAULT-VALUE})")
    Integer batchSize;

    @Setting("trainer.optimization.learning-rate")
    @Option(names = "--learning-rate", description = "peak learning rate (default ${DEFAULT-VALUE})")
    Double learningRate;

    @Setting("trainer.optimization.patience")
    @Option(names = "--patience",
            description = "epochs without a lower validation loss before stopping (default ${DEFAULT-VALUE})")
    Integer patience;

    @Setting("trainer.optimization.token-dropout")
    @Option(names = "--token-dropout",
            description = "share of training tokens hidden behind [MASK] (0 = off; default ${DEFAULT-VALUE})")
    Double tokenDropout;

    @Setting("trainer.positive-stage.epochs")
    @Option(names = "--positive-stage-epochs",
            description = "epochs of the second, True-focused stage (0 = off; default ${DEFAULT-VALUE})")
    Integer positiveStageEpochs;
}
