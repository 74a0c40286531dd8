package io.leadscorer.model.bundle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The directory that holds bundles, one sub-directory per model id; for the trainer (where to publish) and the
 * scorer (which bundles exist, which is newest). Staging directories and anything else starting with '.' are
 * not bundles.
 */
public final class BundleStore {
    private static final Logger LOG = LoggerFactory.getLogger(BundleStore.class);
    private static final Comparator<Manifest> NEWEST_FIRST = Comparator.comparing(Manifest::createdAt)
            .thenComparing(Manifest::modelId)
            .reversed();

    private final Path root;

    public BundleStore(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public Path dir(String modelId) {
        Path dir = root.resolve(modelId).normalize();
        if (modelId.startsWith(".") || !root.normalize().equals(dir.getParent())) {
            throw new IllegalArgumentException("'" + modelId + "' is not a model id");
        }
        return dir;
    }

    public BundleWriter begin() {
        return BundleWriter.begin(root);
    }

    /** Opens and verifies one bundle. */
    public Bundle open(String modelId) {
        return Bundle.open(dir(modelId));
    }

    /**
     * The manifests of the bundles in the store, newest first (by creation time, then model id). Checksums are
     * not verified here; directories without a readable manifest naming them are skipped with a warning.
     */
    public List<Manifest> list() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<Manifest> manifests = new ArrayList<>();
        try (Stream<Path> entries = Files.list(root)) {
            for (Path dir : entries.filter(Files::isDirectory).toList()) {
                String name = dir.getFileName().toString();
                if (name.startsWith(".")) {
                    continue;
                }
                Path file = dir.resolve(Manifest.FILE_NAME);
                try {
                    Manifest manifest = Manifest.fromJson(Files.readAllBytes(file), file.toString());
                    if (manifest.modelId().equals(name)) {
                        manifests.add(manifest);
                    } else {
                        LOG.warn("skipping {}: its manifest names model {}", dir, manifest.modelId());
                    }
                } catch (IOException | BundleException e) {
                    LOG.warn("skipping {}: {}", dir, e.toString());
                }
            }
        } catch (IOException e) {
            throw new BundleException("cannot list bundle store " + root + ": " + e, e);
        }
        manifests.sort(NEWEST_FIRST);
        return manifests;
    }

    /** The newest bundle, opened and verified. */
    public Optional<Bundle> latest() {
        return list().stream().findFirst().map(manifest -> open(manifest.modelId()));
    }
}
