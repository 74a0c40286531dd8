package io.leadscorer.trainer.pipeline;

import ai.djl.ndarray.NDManager;
import io.leadscorer.model.effects.EffectKeys;
import io.leadscorer.model.network.BertClassifier;
import io.leadscorer.model.network.BertConfig;
import io.leadscorer.model.network.BertWeights;
import io.leadscorer.trainer.config.TrainingSettings;
import io.leadscorer.trainer.train.StagePlan;
import io.leadscorer.trainer.train.TrainedNetwork;
import io.leadscorer.trainer.train.TwoStageTraining;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Optional;

/**
 * The pipeline's network phase: the network (the compact one, or the base model's weights) trained in both stages, on
 * the value effects' out-of-fold log-odds as a fixed offset when the settings say so, so that it learns what they
 * leave; then its own probabilities of the validation leads, which the calibration weighs against the effects.
 */
final class NetworkFitting {
    private final TrainingSettings settings;
    private final NDManager manager;
    private final PrintStream console;

    NetworkFitting(TrainingSettings settings, NDManager manager, PrintStream console) {
        this.settings = settings;
        this.manager = manager;
        this.console = console;
    }

    TrainedModel fit(BertConfig config, Optional<BaseModel> base, TokenizedLeads tokens, PreparedLeads leads,
                     FittedEffects effects, EffectKeys keys) {
        TokenizedLeads trained = onEffects(tokens, leads, effects, keys);
        BertClassifier network = new BertClassifier(config);
        network.initialize(manager);
        base.ifPresent(b -> BertWeights.load(network, b.weights()));
        long parameterCount = TrainedNetwork.parameterCount(network);
        console.printf(Locale.ROOT, "network: %d layers, hidden %d, %d heads, %d parameters, %s on %s%n",
                config.numHiddenLayers(), config.hiddenSize(), config.numAttentionHeads(), parameterCount,
                settings.optimization().optimizer(), manager.getDevice());

        TwoStageTraining.Outcome outcome = new TwoStageTraining(network, manager,
                settings.optimization().evalBatchSize(), settings.seed(), trained.maskId(), console)
                .run(mainStage(), trained.training(), positiveStage(), trained.positiveStage(), trained.validation());

        float[] raw = TrainedNetwork.probabilities(network, manager, trained.validation(),
                settings.optimization().evalBatchSize());
        return new TrainedModel(network, config, parameterCount, outcome, raw);
    }

    /** The leads with the effects' log-odds as their offsets when the settings ask for them; as they are otherwise. */
    private TokenizedLeads onEffects(TokenizedLeads tokens, PreparedLeads leads, FittedEffects effects, EffectKeys keys) {
        int folds = settings.valueEffects().offsetFolds();
        if (folds == 0 || effects.served().isEmpty()) {
            return tokens;
        }
        long started = System.nanoTime();
        EffectOffsets offsets = EffectOffsets.fit(settings.valueEffects().columns(), keys, leads.parts().training(),
                effects, folds, settings.seed() + 2);
        console.printf(Locale.ROOT, "the network learns what the value effects leave: their log-odds a fixed offset, "
                + "out of %d folds for the training rows (%.0f s)%n", folds, (System.nanoTime() - started) / 1e9);
        return new TokenizedLeads(tokens.training().withOffsets(offsets.training(leads.augmented())),
                tokens.validation().withOffsets(offsets.heldOut(leads.parts().validation())),
                tokens.positiveStage().withOffsets(offsets.training(leads.positiveStage())),
                tokens.lengths(), tokens.vocabSize(), tokens.maskId());
    }

    private StagePlan mainStage() {
        TrainingSettings.Optimization o = settings.optimization();
        return new StagePlan("main", o.epochs(), o.batchSize(), o.optimizer(), o.rho(), o.asamEta(), o.learningRate(),
                o.weightDecay(), o.warmupFraction(), o.decay(), o.clipNorm(), o.patience(), o.tokenDropout());
    }

    private StagePlan positiveStage() {
        TrainingSettings.Optimization o = settings.optimization();
        TrainingSettings.PositiveStage p = settings.positiveStage();
        return new StagePlan("positive", p.epochs(), o.batchSize(), o.optimizer(), o.rho(), o.asamEta(),
                p.learningRate(), o.weightDecay(), 0, o.decay(), o.clipNorm(), 0, o.tokenDropout());
    }
}
