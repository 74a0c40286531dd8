package io.leadscorer.scorer.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadscorer.model.bundle.Bundle;
import io.leadscorer.model.testing.TinyBundles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Consumer;

/**
 * Damaged or hostile variants of a valid tiny bundle, each published in a model store the way an attacker or a broken
 * disk would leave it, with the manifest fingerprint a DEPLOY command for it would carry.
 */
public final class BadBundles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BadBundles() {
    }

    /** A bundle directory and the SHA-256 a command for it carries. */
    public record Candidate(Path dir, String modelId, String manifestSha256) {
    }

    public static Candidate valid(Path store, long seed) {
        Bundle bundle = TinyBundles.create(store, seed);
        return new Candidate(bundle.dir(), bundle.modelId(), bundle.manifestSha256());
    }

    /** One byte of the weights flipped after publishing: the checksum no longer matches. */
    public static Candidate flippedWeightByte(Path store) {
        Candidate valid = valid(store, 11);
        Path weights = valid.dir().resolve("model.safetensors");
        byte[] bytes = read(weights);
        bytes[bytes.length - 3] ^= 0x40;
        write(weights, bytes);
        return valid;
    }

    /** A file the manifest lists, deleted. */
    public static Candidate missingFile(Path store) {
        Candidate valid = valid(store, 12);
        try {
            Files.delete(valid.dir().resolve("tokenizer.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return valid;
    }

    /** manifest.json rewritten by {@code edit}; the command carries the SHA-256 of the rewritten bytes. */
    public static Candidate editedManifest(Path store, long seed, Consumer<ObjectNode> edit) {
        Candidate valid = valid(store, seed);
        Path manifest = valid.dir().resolve("manifest.json");
        try {
            ObjectNode tree = (ObjectNode) JSON.readTree(manifest.toFile());
            edit.accept(tree);
            byte[] bytes = JSON.writeValueAsBytes(tree);
            write(manifest, bytes);
            return new Candidate(valid.dir(), valid.modelId(), sha256(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
