package io.leadscorer.trainer.pipeline;

import io.leadscorer.model.network.BertClassifier;
import io.leadscorer.model.network.BertConfig;
import io.leadscorer.trainer.train.TwoStageTraining;

/**
 * The network after both training stages, its size, their epochs, and its own (uncalibrated) probabilities of the
 * validation leads, which calibration and the threshold start from. The network lives as long as its NDManager.
 */
record TrainedModel(BertClassifier network, BertConfig config, long parameterCount, TwoStageTraining.Outcome outcome,
                    float[] validationProbabilities) {}
