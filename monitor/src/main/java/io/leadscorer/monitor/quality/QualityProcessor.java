package io.leadscorer.monitor.quality;

import io.leadscorer.avro.ModelQuality;
import io.leadscorer.monitor.drift.ModelReferences;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The model-keyed half of the monitor: adds every {@link ModelFact} to its model's window and to its cumulative
 * figures, and every report interval writes a {@link ModelQuality} for each scope that changed (all of them after a
 * start, so a restarted monitor repeats its latest figures). Windows older than the retention, counted back from the
 * latest fact of the model, are dropped. The sums of a scope are one small entry and each histogram bin an entry of
 * its own ({@code SCOPE#HISTOGRAM#BIN}), so a fact rewrites a few small entries; the report puts them together.
 */
public final class QualityProcessor implements Processor<byte[], ModelFact, String, ModelQuality> {

    /** Window length, how long windows are kept, how often figures are written. */
    public record Settings(String store, String binStore, Duration window, Duration retention,
                           Duration reportInterval, double driftWarn, double driftAlarm) {
    }

    private final Settings settings;
    private final ModelReferences references;
    private final Clock clock;
    private final Consumer<ModelQuality> listener;
    private final Set<String> changed = new LinkedHashSet<>();

    private ProcessorContext<String, ModelQuality> context;
    private KeyValueStore<String, QualityAccumulator> store;
    private KeyValueStore<String, Long> bins;

    public QualityProcessor(Settings settings, ModelReferences references, Clock clock, Consumer<ModelQuality> listener) {
        this.settings = settings;
        this.references = references;
        this.clock = clock;
        this.listener = listener;
    }

    @Override
    public void init(ProcessorContext<String, ModelQuality> context) {
        this.context = context;
        this.store = context.getStateStore(settings.store());
        this.bins = context.getStateStore(settings.binStore());
        try (KeyValueIterator<String, QualityAccumulator> all = store.all()) {
            all.forEachRemaining(entry -> changed.add(entry.key));
        }
        context.schedule(settings.reportInterval(), PunctuationType.WALL_CLOCK_TIME, now -> report());
    }

    @Override
    public void process(Record<byte[], ModelFact> record) {
        ModelFact fact = record.value();
        if (fact == null) {
            return;
        }
        String modelId = record.key() == null ? fact.modelId() : new String(record.key(), StandardCharsets.UTF_8);
        add(ScopeKey.cumulative(modelId), fact);
        add(ScopeKey.window(modelId, fact.time(), settings.window().toMillis()), fact);
    }

    private void add(ScopeKey scope, ModelFact fact) {
        String key = scope.key();
        QualityAccumulator sums = store.get(key);
        if (sums == null) {
            sums = new QualityAccumulator();
        }
        sums.addSums(fact);
        store.put(key, sums);
        for (QualityAccumulator.BinCount count : QualityAccumulator.binCounts(fact)) {
            String bin = binKey(key, count.histogram(), count.bin());
            Long was = bins.get(bin);
            long now = (was == null ? 0 : was) + count.count();
            if (now == 0) {
                bins.delete(bin);
            } else {
                bins.put(bin, now);
            }
        }
        changed.add(key);
    }

    private static String binKey(String scope, String histogram, int bin) {
        return scope + "#" + histogram + "#" + bin;
    }

    /** The scope's sums with its histograms put back. */
    private QualityAccumulator whole(String key, QualityAccumulator sums) {
        try (KeyValueIterator<String, Long> entries = bins.prefixScan(key + "#", Serdes.String().serializer())) {
            entries.forEachRemaining(entry -> {
                String[] parts = entry.key.substring(key.length() + 1).split("#");
                sums.addBin(parts[0], Integer.parseInt(parts[1]), entry.value);
            });
        }
        return sums;
    }

    private void report() {
        if (changed.isEmpty()) {
            return;
        }
        long now = clock.millis();
        List<String> keys = new ArrayList<>(changed);
        changed.clear();
        for (String key : keys) {
            QualityAccumulator sums = store.get(key);
            if (sums == null) {
                continue;
            }
            ScopeKey scope = ScopeKey.parse(key);
            ModelQuality quality = QualityRecords.of(scope, whole(key, sums), settings.window().toMillis(),
                    references.of(scope.modelId()), settings.driftWarn(), settings.driftAlarm(), now);
            context.forward(new Record<>(key, quality, now));
            listener.accept(quality);
            if (scope.isCumulative()) {
                dropWindowsBefore(scope.modelId(), sums.lastTime - settings.retention().toMillis());
            }
        }
    }

    private void dropWindowsBefore(String modelId, long oldest) {
        List<String> old = new ArrayList<>();
        try (KeyValueIterator<String, QualityAccumulator> all = store.prefixScan(modelId + "@",
                Serdes.String().serializer())) {
            while (all.hasNext()) {
                KeyValue<String, QualityAccumulator> entry = all.next();
                ScopeKey scope = ScopeKey.parse(entry.key);
                if (scope.modelId().equals(modelId) && !scope.isCumulative()
                        && scope.windowStart() + settings.window().toMillis() <= oldest) {
                    old.add(entry.key);
                }
            }
        }
        for (String key : old) {
            store.delete(key);
            List<String> binKeys = new ArrayList<>();
            try (KeyValueIterator<String, Long> entries = bins.prefixScan(key + "#", Serdes.String().serializer())) {
                entries.forEachRemaining(entry -> binKeys.add(entry.key));
            }
            binKeys.forEach(bins::delete);
        }
    }
}
