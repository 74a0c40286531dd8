package io.leadscorer.trainer.config;

import io.leadscorer.model.text.LeadColumns;
import io.leadscorer.model.tiers.ScoreTiers;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every training setting, bound from {@code trainer.*} (defaults in application.yml; a --config file, environment
 * variables such as TRAINER_OPTIMIZATION_EPOCHS and command-line flags override them, in that order).
 */
@ConfigurationProperties("trainer")
public record TrainingSettings(
        long seed,
        @DecimalMin(value = "0", inclusive = false) @DecimalMax(value = "1", inclusive = false) double validationFraction,
        @NotBlank String device,
        @Positive int threads,
        @NotNull @Valid Augment augment,
        @NotNull @Valid Prune prune,
        @NotNull @Valid Text text,
        @NotNull @Valid Network network,
        @NotNull @Valid Optimization optimization,
        @NotNull @Valid PositiveStage positiveStage,
        @NotNull @Valid ValueEffects valueEffects,
        @NotNull @Valid Reference reference,
        @NotNull @Valid Tiers tiers) {

    /** The value of a column list that empties it where a list cannot be emptied (a flag, an environment variable). */
    public static final String NONE = "none";

    /** Copies of each True row of the training split, and the chance that each cell of a copy goes missing. */
    @ConfigurationProperties("augment")
    public record Augment(@PositiveOrZero int copies, @DecimalMin("0") @DecimalMax("1") double missingRate) {}

    /** How many least important columns are dropped, and the importance forest (see ColumnImportance). */
    @ConfigurationProperties("prune")
    public record Prune(
            @PositiveOrZero int columns,
            @Positive int trees,
            @Positive int maxDepth,
            @DecimalMin(value = "0", inclusive = false) @DecimalMax(value = "1", inclusive = false) float featureFraction,
            @DecimalMin(value = "0", inclusive = false) @DecimalMax(value = "1", inclusive = false) double heldOutFraction,
            @Positive int repeats,
            @Min(10) int maxRows) {}

    /**
     * The tokenizer built from training text (without --base-model), the tokens per lead, the number columns
     * written to {@code coarseDigits} significant digits in the lead text (TextSpec's column_digits), and the id
     * columns that get rate and count cells from the training labels (out of fold for training rows, in
     * {@code idRateFolds} folds; rates shrunk by {@code idRateSmoothing} prior rows; values seen fewer than
     * {@code idRareBelow} times written as one rare token).
     */
    @ConfigurationProperties("text")
    public record Text(
            @Positive int vocabSize,
            @Positive int minFrequency,
            @Min(3) int maxTokens,
            List<String> coarseColumns,
            @Positive int coarseDigits,
            List<String> idRateColumns,
            @PositiveOrZero int idRareBelow,
            @Min(2) int idRateFolds,
            @PositiveOrZero double idRateSmoothing) {

        public Text {
            coarseColumns = columnList(coarseColumns);
            idRateColumns = columnList(idRateColumns);
        }

        /** TextSpec's column_digits: every coarse column at the coarse digits. */
        public Map<String, Integer> columnDigits() {
            Map<String, Integer> digits = new LinkedHashMap<>();
            coarseColumns.forEach(column -> digits.put(column, coarseDigits));
            return digits;
        }
    }

    /** The compact BERT trained from scratch (without --base-model). */
    @ConfigurationProperties("network")
    public record Network(
            @Positive int hiddenSize,
            @Positive int layers,
            @Positive int heads,
            @Positive int intermediateSize,
            @DecimalMin("0") @DecimalMax(value = "1", inclusive = false) double dropout) {}

    /** The optimiser, its schedule and early stopping. */
    @ConfigurationProperties("optimization")
    public record Optimization(
            @NotNull OptimizerKind optimizer,
            @Positive double rho,
            @Positive double asamEta,
            @Positive int epochs,
            @Positive int batchSize,
            @Positive int evalBatchSize,
            @Positive double learningRate,
            @PositiveOrZero double weightDecay,
            @DecimalMin("0") @DecimalMax("1") double warmupFraction,
            @NotNull Decay decay,
            @PositiveOrZero double clipNorm,
            @Positive int patience,
            @DecimalMin("0") @DecimalMax(value = "1", inclusive = false) double tokenDropout) {}

    /** The seed's second stage: a short fine-tuning on the True rows plus a sample of False rows; 0 epochs = off. */
    @ConfigurationProperties("positive-stage")
    public record PositiveStage(
            @PositiveOrZero int epochs,
            @Positive double learningRate,
            @DecimalMin("0") double negativeRatio) {}

    /**
     * The columns (and crosses of columns) whose per-value effects on the log-odds are estimated beside the network:
     * random effects on the training base rate (see ValueEffectFit; empty or "none": off), weighed against the network by
     * the calibration; the candidate prior standard deviations searched on the validation split, the first one the
     * start of the search; {@code outOfText}: the columns the network does not read (their effects stand in for them);
     * {@code refitWithValidation}: whether the bundle's effects are fitted again on the training and validation rows
     * together once the validation rows have chosen the priors, the calibration and the threshold;
     * {@code offsetFolds}: when 2 or more, the network is trained on top of the effects, their log-odds a fixed offset
     * on its logit (out of fold for the training rows, in this many folds), so that it learns what they leave; 0: the
     * network learns from the labels alone.
     */
    @ConfigurationProperties("id-effects")
    public record ValueEffects(List<String> columns, List<@PositiveOrZero Double> priorSds, List<String> outOfText,
                            boolean refitWithValidation, @PositiveOrZero int offsetFolds) {
        public ValueEffects {
            if (offsetFolds == 1) {
                throw new IllegalArgumentException("trainer.id-effects.offset-folds must be 0 (off) or at least 2, was 1");
            }
            columns = columnList(columns);
            columns.forEach(io.leadscorer.model.effects.ValueEffects::parts);
            priorSds = priorSds == null || priorSds.isEmpty() ? List.of(1.0) : List.copyOf(priorSds);
            outOfText = columnList(outOfText);
            outOfText.forEach(LeadColumns::byName);
        }
    }

    /**
     * The bundle's reference distributions for drift monitoring (ReferenceProfile): per TEXT column its
     * {@code topValues} most frequent training values, per NUMBER column up to {@code numberBins} quantile bins.
     */
    @ConfigurationProperties("reference")
    public record Reference(@PositiveOrZero int topValues, @Positive int numberBins) {}

    /**
     * The priority tiers of the bundle's tiers.json (ScoreTiers): the share of leads in each tier, highest first (A, B,
     * ...), cut on the validation rows' served probabilities; they must add up to 1.
     */
    @ConfigurationProperties("tiers")
    public record Tiers(List<@DecimalMin(value = "0", inclusive = false) @DecimalMax("1") Double> shares) {
        public Tiers {
            shares = shares == null || shares.isEmpty() ? ScoreTiers.DEFAULT_SHARES : List.copyOf(shares);
            ScoreTiers.requireValidShares(shares);
        }
    }

    /** The columns of a list setting, stripped, without empty entries and {@link #NONE}. */
    private static List<String> columnList(List<String> columns) {
        return columns == null ? List.of()
                : columns.stream().map(String::strip).filter(column -> !column.isEmpty() && !column.equals(NONE)).toList();
    }

    /** Which optimisation step: sharpness-aware, its adaptive variant, or plain AdamW. */
    public enum OptimizerKind { SAM, ASAM, ADAMW }

    /** Learning-rate decay after the warm-up. */
    public enum Decay { LINEAR, COSINE }
}
