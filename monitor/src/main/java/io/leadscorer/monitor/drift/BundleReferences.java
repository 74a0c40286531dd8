package io.leadscorer.monitor.drift;

import io.leadscorer.avro.MqlEvent;
import io.leadscorer.model.bundle.Bundle;
import io.leadscorer.model.bundle.BundleException;
import io.leadscorer.model.reference.ColumnReference;
import io.leadscorer.model.reference.ReferenceProfile;
import io.leadscorer.model.reference.ScoreReference;
import io.leadscorer.model.text.LeadRecord;
import io.leadscorer.monitor.quality.ProbabilityBins;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The references of the bundles in a model store, read once per model from the verified bundle (its manifest's
 * checksums cover reference.json) and kept: bundles are immutable. A model whose bundle is missing, damaged or
 * older than reference files gets no drift figures, with one log line saying why.
 */
public final class BundleReferences implements ModelReferences {

    private static final Logger LOG = LoggerFactory.getLogger(BundleReferences.class);

    private final Path store;
    private final Map<String, Optional<ModelReference>> byModel = new ConcurrentHashMap<>();

    public BundleReferences(Path store) {
        this.store = store;
    }

    @Override
    public Optional<ModelReference> of(String modelId) {
        return byModel.computeIfAbsent(modelId, this::load);
    }

    private Optional<ModelReference> load(String modelId) {
        Path dir = store.resolve(modelId);
        try {
            Optional<ReferenceProfile> profile = ReferenceProfile.of(Bundle.open(dir));
            if (profile.isEmpty()) {
                LOG.info("Model {} records no training distribution: no drift figures for it", modelId);
            }
            return profile.map(Reference::new);
        } catch (BundleException | IllegalArgumentException e) {
            LOG.warn("No drift figures for model {}: its bundle at {} cannot be read ({})", modelId, dir, e.getMessage());
            return Optional.empty();
        }
    }

    /** A {@link ReferenceProfile} seen through {@link ModelReference}. */
    static final class Reference implements ModelReference {
        private final List<ColumnReference> columns;
        private final List<String> names;
        private final int[] scoreBinOf;
        private final double[] scoreShares;

        Reference(ReferenceProfile profile) {
            this.columns = profile.columns();
            this.names = columns.stream().map(ColumnReference::name).toList();
            ScoreReference score = profile.score();
            if (score == null) {
                scoreBinOf = new int[0];
                scoreShares = new double[0];
            } else {
                scoreBinOf = new int[ProbabilityBins.COUNT];
                for (int fine = 0; fine < ProbabilityBins.COUNT; fine++) {
                    scoreBinOf[fine] = score.bin(ProbabilityBins.middle(fine));
                }
                scoreShares = score.shares();
            }
        }

        @Override
        public List<String> columns() {
            return names;
        }

        @Override
        public int[] bins(MqlEvent event) {
            LeadRecord lead = LeadRecord.of(event);
            int[] bins = new int[columns.size()];
            for (int i = 0; i < bins.length; i++) {
                bins[i] = columns.get(i).bin(lead.value(columns.get(i).name()));
            }
            return bins;
        }

        @Override
        public double[] expectedShares(int column) {
            return columns.get(column).shares();
        }

        @Override
        public int missingBin(int column) {
            return columns.get(column).missingBin();
        }

        @Override
        public int[] scoreBinOf() {
            return scoreBinOf.clone();
        }

        @Override
        public double[] scoreShares() {
            return scoreShares.clone();
        }
    }
}
