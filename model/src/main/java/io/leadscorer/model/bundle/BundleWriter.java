package io.leadscorer.model.bundle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Writes a bundle so that readers never see half of one: the caller fills a staging directory inside the store,
 * {@link #publish} checksums it, adds manifest.json and renames it atomically to {@code store/<model id>}.
 * Closing without publishing (or a failed publish) deletes the staging directory.
 */
public final class BundleWriter implements AutoCloseable {
    /** Staging directories start with this; stores ignore them when listing bundles. */
    public static final String STAGING_PREFIX = ".staging-";

    private static final DateTimeFormatter ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Path store;
    private final Path staging;
    private boolean finished;

    private BundleWriter(Path store, Path staging) {
        this.store = store;
        this.staging = staging;
    }

    public static BundleWriter begin(Path store) {
        try {
            Files.createDirectories(store);
            return new BundleWriter(store, Files.createDirectory(store.resolve(STAGING_PREFIX + UUID.randomUUID())));
        } catch (IOException e) {
            throw new BundleException("cannot create a staging directory in " + store + ": " + e, e);
        }
    }

    /**
     * A model id that sorts by time: UTC creation time to the second, then the first 4 bytes of a digest of the
     * bundle's content (for instance of the weights) in hex, e.g. {@code 20261125T060102Z-ab12cd34}.
     */
    public static String newModelId(Instant created, byte[] digest) {
        if (digest.length < 4) {
            throw new IllegalArgumentException("digest needs at least 4 bytes, has " + digest.length);
        }
        return ID_TIME.format(created) + "-" + HexFormat.of().formatHex(digest, 0, 4);
    }

    /** Where the caller writes config.json, tokenizer.json, model.safetensors, plots... */
    public Path staging() {
        return staging;
    }

    /**
     * Fills in the checksum of every file in the staging directory, writes manifest.json and renames the
     * directory to {@code store/<model id>}. Refuses to replace an existing bundle. On any failure the staging
     * directory is deleted and nothing is published.
     */
    public Bundle publish(Manifest manifest) {
        if (finished) {
            throw new IllegalStateException("bundle writer for " + staging + " was already published or aborted");
        }
        try {
            if (manifest.formatVersion() != Manifest.FORMAT_VERSION) {
                throw new BundleException("cannot publish format version " + manifest.formatVersion()
                        + "; this build writes format version " + Manifest.FORMAT_VERSION);
            }
            if (Files.exists(staging.resolve(Manifest.FILE_NAME), LinkOption.NOFOLLOW_LINKS)) {
                throw new BundleException("staging directory " + staging + " already holds a " + Manifest.FILE_NAME
                        + "; publish writes it");
            }
            Map<String, String> checksums = new TreeMap<>();
            for (String name : Checksums.files(staging)) {
                checksums.put(name, Checksums.sha256(staging.resolve(name)));
            }
            Manifest complete = manifest.withFiles(checksums);
            byte[] json = complete.toJson();
            Files.write(staging.resolve(Manifest.FILE_NAME), json, StandardOpenOption.CREATE_NEW);
            Path target = store.resolve(complete.modelId());
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new BundleException("bundle " + complete.modelId() + " already exists in " + store
                        + "; bundles are immutable");
            }
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                throw new BundleException("bundle " + complete.modelId() + " already exists in " + store
                        + "; bundles are immutable", e);
            }
            finished = true;
            return Bundle.open(target);
        } catch (IOException | UncheckedIOException e) {
            throw abortAfter(new BundleException(
                    "cannot publish bundle " + manifest.modelId() + " in " + store + ": " + e, e));
        } catch (RuntimeException e) {
            throw abortAfter(e);
        }
    }

    private RuntimeException abortAfter(RuntimeException failure) {
        try {
            abort();
        } catch (RuntimeException cleanup) {
            failure.addSuppressed(cleanup);
        }
        return failure;
    }

    /** Deletes the staging directory unless the bundle was published. */
    public void abort() {
        if (finished) {
            return;
        }
        finished = true;
        if (!Files.exists(staging, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(staging)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new BundleException("cannot delete staging directory " + staging + ": " + e, e);
        }
    }

    @Override
    public void close() {
        abort();
    }
}
