package io.leadscorer.trainer.pipeline;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.leadscorer.model.bundle.Bundle;
import io.leadscorer.model.bundle.BundleWriter;
import io.leadscorer.model.bundle.Lineage;
import io.leadscorer.model.bundle.Manifest;
import io.leadscorer.model.network.BertConfig;
import io.leadscorer.model.network.BertWeights;
import io.leadscorer.model.predict.LeadPredictor;
import io.leadscorer.model.effects.EffectKeys;
import io.leadscorer.model.effects.ValueEffects;
import io.leadscorer.model.reference.ReferenceProfile;
import io.leadscorer.model.text.IdRates;
import io.leadscorer.model.text.LeadColumns;
import io.leadscorer.model.text.LeadText;
import io.leadscorer.model.text.TextSpec;
import io.leadscorer.model.tiers.ScoreTiers;
import io.leadscorer.model.tokenizer.LeadTokenizer;
import io.leadscorer.model.tokenizer.WordPieceTokenizerBuilder;
import io.leadscorer.trainer.augment.MissingCellAugmenter;
import io.leadscorer.trainer.config.TrainingSettings;
import io.leadscorer.trainer.data.CsvLeadReader;
import io.leadscorer.trainer.data.InputException;
import io.leadscorer.trainer.data.LeadRow;
import io.leadscorer.trainer.data.LeadTable;
import io.leadscorer.trainer.data.ReadReport;
import io.leadscorer.trainer.data.StratifiedSplit;
import io.leadscorer.trainer.lineage.ProjectVersion;
import io.leadscorer.trainer.lineage.ResolvedSettings;
import io.leadscorer.trainer.lineage.TrainingData;
import io.leadscorer.trainer.plot.TrainingPlots;
import io.leadscorer.trainer.prune.ColumnImportance;
import io.leadscorer.trainer.prune.ColumnPruner;
import io.leadscorer.trainer.prune.Pruning;
import io.leadscorer.trainer.train.EncodedLeads;
import io.leadscorer.trainer.train.TwoStageTraining;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;

/**
 * The training pipeline, step by step: read, split, augment, prune, tokenize, learn the value effects, train the network
 * in the seed's two stages on what they leave, calibrate, choose the threshold, evaluate, plot, record the reference
 * distributions and publish the bundle atomically. A failure at any step leaves no bundle behind (the staging directory is deleted).
 */
@Singleton
public final class TrainingPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingPipeline.class);
    static final String CONFIG = LeadPredictor.CONFIG_FILE;
    static final String TOKENIZER = LeadPredictor.TOKENIZER_FILE;
    static final String WEIGHTS = LeadPredictor.WEIGHTS_FILE;
    static final String METRICS = "metrics.json";
    /** Enough for any lead (at most 28 cells of at most 48 characters each), to measure lengths before truncation. */
    private static final int UNTRUNCATED_TOKENS = 2048;

    private final TrainingSettings settings;
    private final CsvLeadReader reader;
    private final Device device;
    private final JsonMapper json;
    private final Clock clock;

    public TrainingPipeline(TrainingSettings settings, CsvLeadReader reader, Device device, JsonMapper json, Clock clock) {
        this.settings = settings;
        this.reader = reader;
        this.device = device;
        this.json = json;
        this.clock = clock;
    }

    public TrainingResult run(TrainingRequest request, PrintStream console) {
        long started = System.nanoTime();
        Optional<BaseModel> base = request.baseModel().map(BaseModel::at);
        PreparedLeads leads = prepare(request.data(), base, console);
        try (BundleWriter writer = BundleWriter.begin(request.store()); StagingGuard guard = StagingGuard.of(writer)) {
            TokenizedLeads tokens = tokenize(leads, base, writer.staging().resolve(TOKENIZER), console);
            BertConfig config = base.map(BaseModel::config).orElseGet(() -> compactConfig(tokens.vocabSize()));
            EffectKeys keys = new EffectKeys(leads.spec());
            FittedEffects effects = new EffectsFitting(settings.valueEffects(), settings.threads())
                    .fit(leads.parts(), keys, console);
            try (NDManager manager = NDManager.newBaseManager(device)) {
                TrainedModel model = new NetworkFitting(settings, manager, console)
                        .fit(config, base, tokens, leads, effects, keys);
                CalibratedScores scores = new CalibrationFitting(settings.seed(), settings.tiers().shares())
                        .fit(model, effects, keys, leads.parts(), tokens.validation(), console);
                return publish(writer, leads, tokens, model, effects, scores, base, started);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the bundle: " + e.getMessage(), e);
        }
    }

    /**
     * Reads the file, splits and augments its rows, prunes the columns and fits the lead text; nothing is written
     * yet, so a file the trainer cannot use fails here without touching the store.
     */
    private PreparedLeads prepare(Path data, Optional<BaseModel> base, PrintStream console) {
        LeadTable table = reader.read(data);
        console.println(table.report().summary());
        requireBothClasses(table);
        String dataSha256 = TrainingData.sha256(data);

        StratifiedSplit.Parts parts = new StratifiedSplit(settings.validationFraction(), settings.seed()).split(table.rows());
        List<LeadRow> augmented = new MissingCellAugmenter(settings.augment().copies(), settings.augment().missingRate())
                .augment(parts.training(), new Random(settings.seed()));
        console.printf(Locale.ROOT, "split: %d training rows (%d after augmentation), %d validation rows%n",
                parts.training().size(), augmented.size(), parts.validation().size());

        Pruning pruning = pruner().prune(LeadColumns.ALL, parts.training());
        if (!pruning.dropped().isEmpty()) {
            console.println("dropped columns (lowest random-forest importance): " + String.join(", ", pruning.dropped()));
        }
        int maxTokens = settings.text().maxTokens();
        if (base.isPresent()) {
            maxTokens = Math.min(maxTokens, base.get().config().maxPositionEmbeddings());
        }
        TextSpec spec = TextSpec.defaults().withDropped(pruning.dropped()).withDropped(valueEffectColumnsOutOfText())
                .withMaxTokens(maxTokens)
                .withColumnDigits(settings.text().columnDigits())
                .withIdRates(settings.text().idRateColumns(), settings.text().idRareBelow());
        OutOfFoldText text = OutOfFoldText.fit(LeadText.forSpec(spec), parts.training(), settings.text().idRateFolds(),
                settings.text().idRateSmoothing(), settings.seed());
        return new PreparedLeads(table, dataSha256, parts, augmented, positiveStageRows(parts.training()), pruning,
                spec, text);
    }

    /**
     * Writes the bundle's tokenizer (the base model's, or one built from the training text) and encodes the splits
     * with it, measuring the validation leads' lengths before truncation.
     */
    private TokenizedLeads tokenize(PreparedLeads leads, Optional<BaseModel> base, Path tokenizerFile,
                                    PrintStream console) throws IOException {
        OutOfFoldText text = leads.text();
        StratifiedSplit.Parts parts = leads.parts();
        if (base.isPresent()) {
            base.get().writeTokenizer(tokenizerFile);
        } else {
            // from the augmented rows: their "column_nan" cells get whole tokens as the original rows' do
            new WordPieceTokenizerBuilder()
                    .vocabSize(settings.text().vocabSize())
                    .minFrequency(settings.text().minFrequency())
                    .build(texts(text::training, leads.augmented()), tokenizerFile);
        }
        TokenLengths lengths;
        try (LeadTokenizer untruncated = LeadTokenizer.load(tokenizerFile, UNTRUNCATED_TOKENS)) {
            lengths = TokenLengths.of(untruncated.encode(texts(text::heldOut, parts.validation())), leads.maxTokens());
        }
        try (LeadTokenizer tokenizer = LeadTokenizer.load(tokenizerFile, leads.maxTokens())) {
            EncodedLeads training = encode(tokenizer, text::training, leads.augmented());
            EncodedLeads validation = encode(tokenizer, text::heldOut, parts.validation());
            EncodedLeads positiveStage = encode(tokenizer, text::training, leads.positiveStage());
            console.printf(Locale.ROOT, "tokens per validation lead ([CLS] and [SEP] included): mean %.1f, p95 %d, "
                            + "p99 %d, max %d; %d of %d longer than the %d-token limit (truncated); vocabulary %d%n",
                    lengths.mean(), lengths.p95(), lengths.p99(), lengths.max(), lengths.truncated(),
                    lengths.leads(), leads.maxTokens(), tokenizer.vocabSize());
            return new TokenizedLeads(training, validation, positiveStage, lengths, tokenizer.vocabSize(),
                    tokenizer.maskId());
        }
    }

    /** Writes every file of the bundle into the staging directory, then its manifest, and publishes it. */
    private TrainingResult publish(BundleWriter writer, PreparedLeads leads, TokenizedLeads tokens, TrainedModel model,
                                   FittedEffects effects, CalibratedScores scores, Optional<BaseModel> base,
                                   long started) throws IOException {
        Path staging = writer.staging();
        model.config().write(staging.resolve(CONFIG));
        leads.text().rates().ifPresent(rates -> rates.write(staging.resolve(IdRates.FILE)));
        if (!effects.served().isEmpty()) {
            effects.served().write(staging.resolve(ValueEffects.FILE));
        }
        BertWeights.save(model.network(), staging.resolve(WEIGHTS));
        Files.write(staging.resolve(ReferenceProfile.FILE_NAME),
                reference(leads.parts().training(), scores.servedValidation()).toJson());
        Files.write(staging.resolve(ScoreTiers.FILE_NAME), scores.tiers().toJson());
        TrainingPlots.write(staging, model.outcome().epochs(), scores.scored().precisionRecallCurve());
        TrainingPlots.writeReliability(staging, scores.report());
        Instant created = clock.instant();
        long elapsedNanos = System.nanoTime() - started;
        String modelId = BundleWriter.newModelId(created, sha256(staging.resolve(WEIGHTS)));
        TrainingReport report = report(modelId, leads, tokens, model, effects, scores, elapsedNanos / 1e9);
        Files.write(staging.resolve(METRICS), json.writeValueAsBytes(report));
        Manifest manifest = Manifest.of(modelId, created, base.map(BaseModel::name).orElse(null), model.config(),
                leads.spec(), scores.threshold(), manifestMetrics(scores, report),
                leads.pruning().importances())
                .withCalibration(scores.calibration())
                .withLineage(lineage(leads, created.minusNanos(elapsedNanos), created));
        Bundle bundle = writer.publish(manifest);
        LOG.info("published bundle {} (validation F1 {} at threshold {})", bundle.dir(), scores.metrics().f1(),
                scores.threshold());
        return new TrainingResult(bundle, scores.metrics(), report);
    }

    /**
     * What the bundle is made from. The clock is read once, when the bundle is stamped: the start is that time less
     * the run's monotonic duration, so the two times lie exactly training_seconds apart.
     */
    private Lineage lineage(PreparedLeads leads, Instant started, Instant finished) {
        ReadReport read = leads.table().report();
        return new Lineage(leads.dataSha256(), read.rowsRead(), leads.table().rows().size(), leads.positiveRate(),
                ResolvedSettings.of(settings), ProjectVersion.current(), started, finished);
    }

    private TrainingReport report(String modelId, PreparedLeads leads, TokenizedLeads tokens, TrainedModel model,
                                  FittedEffects effects, CalibratedScores scores, double seconds) {
        TwoStageTraining.Outcome outcome = model.outcome();
        TrainingReport.Rows rows = new TrainingReport.Rows(leads.table().report().rowsRead(),
                leads.table().report().rowsRejected(), leads.parts().training().size(), leads.augmented().size(),
                leads.parts().validation().size(), tokens.positiveStage().size());
        return new TrainingReport(modelId, scores.metrics(), outcome.epochs(), outcome.main().keptEpoch(),
                outcome.positiveStageKept(), rows, tokens.lengths(), tokens.vocabSize(), model.parameterCount(),
                settings.optimization().optimizer().name().toLowerCase(Locale.ROOT), leads.pruning().dropped(),
                leads.pruning().importances(), seconds, scores.report(), effects.report());
    }

    /** The columns the network does not read: those of the settings' out-of-text whose value effects stand in. */
    private List<String> valueEffectColumnsOutOfText() {
        return settings.valueEffects().outOfText().stream().filter(settings.valueEffects().columns()::contains).toList();
    }

    /**
     * What a drift monitor compares live leads and scores with: the training rows as the network was trained on them
     * (before augmentation) and the served probabilities of the validation rows.
     */
    private ReferenceProfile reference(List<LeadRow> training, float[] servedValidation) {
        return ReferenceProfile.fit(LeadRow.records(training), CalibratedScores.doubles(servedValidation),
                settings.reference().topValues(), settings.reference().numberBins());
    }

    private ColumnPruner pruner() {
        TrainingSettings.Prune prune = settings.prune();
        return new ColumnPruner(prune.columns(), new ColumnImportance(new ColumnImportance.ForestSettings(
                prune.trees(), prune.maxDepth(), prune.featureFraction(), prune.heldOutFraction(), prune.repeats(),
                prune.maxRows(), settings.seed())));
    }

    /**
     * The compact network of the settings (application.yml's defaults are {@link BertConfig#compact}'s numbers),
     * with as many positions as tokens per lead: the positions beyond would never be trained.
     */
    BertConfig compactConfig(int vocabSize) {
        TrainingSettings.Network network = settings.network();
        return new BertConfig(vocabSize, network.hiddenSize(), network.layers(), network.heads(),
                network.intermediateSize(), settings.text().maxTokens(), 2, network.dropout(), network.dropout(),
                1e-12, BertConfig.GELU);
    }

    /** Every True row of the training split and {@code negative-ratio} times as many False rows, shuffled. */
    private List<LeadRow> positiveStageRows(List<LeadRow> training) {
        if (settings.positiveStage().epochs() == 0) {
            return List.of();
        }
        Random random = new Random(settings.seed() + 1);
        List<LeadRow> positives = training.stream().filter(LeadRow::converted).toList();
        List<LeadRow> negatives = new ArrayList<>(training.stream().filter(r -> !r.converted()).toList());
        Collections.shuffle(negatives, random);
        int negativeCount = (int) Math.min(negatives.size(),
                Math.round(positives.size() * settings.positiveStage().negativeRatio()));
        List<LeadRow> rows = new ArrayList<>(positives);
        rows.addAll(negatives.subList(0, negativeCount));
        Collections.shuffle(rows, random);
        return rows;
    }

    private static List<String> texts(Function<LeadRow, String> text, List<LeadRow> rows) {
        return rows.stream().map(text).toList();
    }

    private static EncodedLeads encode(LeadTokenizer tokenizer, Function<LeadRow, String> text, List<LeadRow> rows) {
        return new EncodedLeads(tokenizer.encode(texts(text, rows)), LeadRow.labels(rows));
    }

    private static Map<String, Object> manifestMetrics(CalibratedScores scores, TrainingReport report) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("validation", scores.metrics().asMap());
        map.put("epochs", report.epochs().size());
        map.put("kept_main_epoch", report.keptMainEpoch());
        map.put("positive_stage_kept", report.positiveStageKept());
        map.put("optimizer", report.optimizer());
        map.put("tokens_per_lead", report.tokenLengths().mean());
        map.put("truncated_validation_leads", report.tokenLengths().truncated());
        map.put("training_rows", report.rows().training());
        map.put("training_rows_augmented", report.rows().trainingAugmented());
        map.put("validation_rows", report.rows().validation());
        map.put("training_seconds", report.trainingSeconds());
        map.put("ece_uncalibrated", report.calibration().eceUncalibrated());
        map.put("ece_calibrated", report.calibration().eceCalibrated());
        if (report.valueEffects() != null) {
            map.put("id_effect_prior_sds", report.valueEffects().priorSds());
        }
        scores.withoutNetwork().ifPresent(alone -> alone.putInto(map));
        return map;
    }

    private static void requireBothClasses(LeadTable table) {
        long positives = table.positives();
        if (table.rows().isEmpty()) {
            throw new InputException(table.report().file() + " has no usable rows");
        }
        if (positives < 2 || table.rows().size() - positives < 2) {
            throw new InputException(table.report().file() + " has " + positives + " converted and "
                    + (table.rows().size() - positives) + " unconverted rows; training needs at least 2 of each");
        }
    }

    private static byte[] sha256(Path file) throws IOException {
        try {
            return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
