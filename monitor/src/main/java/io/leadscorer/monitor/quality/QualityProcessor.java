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
 * latest fact of the model, are dropped.
 */
public final class QualityProcessor implements Processor<byte[], ModelFact, String, ModelQuality> {

    /** Window length, how long windows are kept, how often figures are written. */
    public record Settings(String store, Duration window, Duration retention, Duration reportInterval,
                           double driftWarn, double driftAlarm) {
    }

    private final Settings settings;
    private final ModelReferences references;
    private final Clock clock;
    private final Consumer<ModelQuality> listener;
    private final Set<String> changed = new LinkedHashSet<>();

    private ProcessorContext<String, ModelQuality> context;
    private KeyValueStore<String, QualityAccumulator> store;

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
        sums.add(fact);
        store.put(key, sums);
        changed.add(key);
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
            ModelQuality quality = QualityRecords.of(scope, sums, settings.window().toMillis(),
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
                org.apache.kafka.common.serialization.Serdes.String().serializer())) {
            while (all.hasNext()) {
                KeyValue<String, QualityAccumulator> entry = all.next();
                ScopeKey scope = ScopeKey.parse(entry.key);
                if (scope.modelId().equals(modelId) && !scope.isCumulative()
                        && scope.windowStart() + settings.window().toMillis() <= oldest) {
                    old.add(entry.key);
                }
            }
        }
        old.forEach(store::delete);
    }
}
