package io.leadscorer.model.bundle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * A published, verified model bundle: a directory whose manifest.json vouches for every other file by SHA-256.
 * {@link #open} accepts a bundle only when the format version is known and the directory holds exactly the
 * files the manifest lists, each with its checksum: bundles are immutable, so anything else is damage or
 * tampering.
 */
public final class Bundle {
    private final Path dir;
    private final Manifest manifest;
    private final String manifestSha256;

    Bundle(Path dir, Manifest manifest, String manifestSha256) {
        this.dir = dir;
        this.manifest = manifest;
        this.manifestSha256 = manifestSha256;
    }

    /** Reads and verifies a bundle directory; a {@link BundleException} names every problem found. */
    public static Bundle open(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new BundleException("no bundle directory at " + dir);
        }
        Path manifestFile = dir.resolve(Manifest.FILE_NAME);
        if (!Files.isRegularFile(manifestFile)) {
            throw new BundleException("bundle " + dir + " has no " + Manifest.FILE_NAME);
        }
        byte[] json;
        try {
            json = Files.readAllBytes(manifestFile);
        } catch (IOException e) {
            throw new BundleException("cannot read " + manifestFile + ": " + e, e);
        }
        Manifest manifest = Manifest.fromJson(json, manifestFile.toString());
        List<String> problems = new ArrayList<>();
        SortedSet<String> present = Checksums.files(dir);
        for (Map.Entry<String, String> listed : manifest.files().entrySet()) {
            String name = listed.getKey();
            if (!present.contains(name)) {
                problems.add(name + " is listed in " + Manifest.FILE_NAME + " but missing");
                continue;
            }
            String actual;
            try {
                actual = Checksums.sha256(dir.resolve(name));
            } catch (UncheckedIOException e) {
                problems.add(name + " cannot be read: " + e.getCause());
                continue;
            }
            if (!actual.equals(listed.getValue())) {
                problems.add(name + " has SHA-256 " + actual + " but " + Manifest.FILE_NAME + " says "
                        + listed.getValue());
            }
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
        return new Bundle(dir, manifest, Checksums.sha256(json));
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
        if (!manifest.files().containsKey(name) && !Manifest.FILE_NAME.equals(name)) {
            throw new BundleException("bundle " + modelId() + " has no file " + name + "; it has "
                    + manifest.files().keySet());
        }
        return dir.resolve(name);
    }

    public boolean has(String name) {
        return manifest.files().containsKey(name);
    }

    @Override
    public String toString() {
        return "Bundle[" + modelId() + " at " + dir + "]";
    }
}
