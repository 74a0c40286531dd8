package io.leadscorer.model.bundle;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * A published, verified model bundle: a directory whose manifest.json vouches for every other file by SHA-256.
 * {@link #open} accepts a bundle only when the format version is known, the directory holds exactly the files the
 * manifest lists, each with its checksum, and everything stays within {@link BundleLimits}: bundles are immutable,
 * so anything else is damage or tampering. Each file is read once; its checksum is computed over those bytes and
 * {@link #bytes} hands out the very same bytes, so a file replaced on disk after verification is never loaded.
 */
public final class Bundle {
    private final Path dir;
    private final Manifest manifest;
    private final String manifestSha256;
    private final Map<String, byte[]> contents;

    Bundle(Path dir, Manifest manifest, String manifestSha256, Map<String, byte[]> contents) {
        this.dir = dir;
        this.manifest = manifest;
        this.manifestSha256 = manifestSha256;
        this.contents = contents;
    }

    /** Reads and verifies a bundle directory within the default limits. */
    public static Bundle open(Path dir) {
        return open(dir, BundleLimits.DEFAULT);
    }

    /** Reads and verifies a bundle directory; a {@link BundleException} names every problem found. */
    public static Bundle open(Path dir, BundleLimits limits) {
        if (!Files.isDirectory(dir)) {
            throw new BundleException("no bundle directory at " + dir);
        }
        Path manifestFile = dir.resolve(Manifest.FILE_NAME);
        if (!Files.isRegularFile(manifestFile, LinkOption.NOFOLLOW_LINKS)) {
            throw new BundleException("bundle " + dir + " has no " + Manifest.FILE_NAME);
        }
        byte[] json = read(manifestFile, limits.maxManifestBytes());
        Manifest manifest = Manifest.fromJson(json, manifestFile.toString());
        List<String> problems = new ArrayList<>(limits.problems(manifest.network()));
        if (!problems.isEmpty()) {
            throw new BundleException("bundle " + manifest.modelId() + " at " + dir + " is out of bounds: "
                    + String.join("; ", problems));
        }
        SortedSet<String> present = Checksums.files(dir);
        Map<String, byte[]> contents = new TreeMap<>();
        long total = json.length;
        for (Map.Entry<String, String> listed : manifest.files().entrySet()) {
            String name = listed.getKey();
            if (!present.contains(name)) {
                problems.add(name + " is listed in " + Manifest.FILE_NAME + " but missing");
                continue;
            }
            byte[] bytes;
            try {
                bytes = read(dir.resolve(name), Math.min(limits.maxFileBytes(), limits.maxTotalBytes() - total));
            } catch (BundleException e) {
                problems.add(e.getMessage());
                continue;
            }
            total += bytes.length;
            String actual = Checksums.sha256(bytes);
            if (!actual.equals(listed.getValue())) {
                problems.add(name + " has SHA-256 " + actual + " but " + Manifest.FILE_NAME + " says "
                        + listed.getValue());
            }
            contents.put(name, bytes);
        }
        for (String name : present) {
            if (!manifest.files().containsKey(name)) {
                problems.add(name + " is not listed in " + Manifest.FILE_NAME);
            }
        }
        if (!problems.isEmpty()) {
            throw new BundleException("bundle " + manifest.modelId() + " at " + dir + " failed verification: "
                    + String.join("; ", problems));
        }
        return new Bundle(dir, manifest, Checksums.sha256(json), Collections.unmodifiableMap(contents));
    }

    /** The whole file, refusing one over {@code maxBytes} before reading it (and one that grows while read). */
    private static byte[] read(Path file, long maxBytes) {
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            long size = Files.size(file);
            if (size > maxBytes) {
                throw new BundleException(file.getFileName() + " is " + size + " bytes, over the limit of " + maxBytes);
            }
            byte[] bytes = in.readNBytes((int) size);
            if (in.read() != -1) {
                throw new BundleException(file.getFileName() + " grew while it was being read");
            }
            return bytes;
        } catch (IOException e) {
            throw new BundleException(file.getFileName() + " cannot be read: " + e, e);
        }
    }

    public Path dir() {
        return dir;
    }

    public Manifest manifest() {
        return manifest;
    }

    public String modelId() {
        return manifest.modelId();
    }

    /** Hex SHA-256 of the manifest.json bytes: the bundle's fingerprint, carried by deploy commands. */
    public String manifestSha256() {
        return manifestSha256;
    }

    /** The path of a file the manifest lists (e.g. "tokenizer.json"); a BundleException for any other name. */
    public Path file(String name) {
        requireListed(name);
        return dir.resolve(name);
    }

    /** The verified bytes of a file the manifest lists, as read when the bundle was opened (a copy). */
    public byte[] bytes(String name) {
        requireListed(name);
        return contents.get(name).clone();
    }

    /** The verified bytes of a file as a read-only view, without copying. */
    public InputStream stream(String name) {
        requireListed(name);
        return new ByteArrayInputStream(contents.get(name));
    }

    private void requireListed(String name) {
        if (!manifest.files().containsKey(name)) {
            throw new BundleException("bundle " + modelId() + " has no file " + name + "; it has "
                    + manifest.files().keySet());
        }
    }

    public boolean has(String name) {
        return manifest.files().containsKey(name);
    }

    @Override
    public String toString() {
        return "Bundle[" + modelId() + " at " + dir + "]";
    }
}
