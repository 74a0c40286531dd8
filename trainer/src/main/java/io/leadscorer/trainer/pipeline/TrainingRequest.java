package io.leadscorer.trainer.pipeline;

import java.nio.file.Path;
import java.util.Optional;

/** What to train on, where the bundle goes, and the optional checkpoint to start from. */
public record TrainingRequest(Path data, Path store, Optional<Path> baseModel) {}
