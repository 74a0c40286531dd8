package io.leadscorer.model.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.util.Optional;

/**
 * How the small JSON files a bundle may hold beside its manifest (reference.json, tiers.json) are written and read:
 * indented UTF-8, the same value always giving the same bytes, and a {@link BundleException} that names the file and
 * what it should have been when it is not.
 */
public final class BundleJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private BundleJson() {
    }

    /** The file's bytes; {@code what} names the value in an error ("the score tiers"). */
    public static byte[] write(Object value, String what) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new BundleException("cannot write " + what + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads the bytes as a {@code type}; {@code source} names the file and {@code valid} what it should be ("a valid
     * reference profile") in errors.
     */
    public static <T> T read(byte[] json, String source, Class<T> type, String valid) {
        T value;
        try {
            value = JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause() instanceof RuntimeException invalid ? invalid : e;
            String message = cause == e ? e.getOriginalMessage() : cause.getMessage();
            throw new BundleException(source + " is not " + valid + ": " + message, e);
        } catch (IOException e) {
            throw new BundleException("cannot read " + source + ": " + e, e);
        }
        if (value == null) {
            throw new BundleException(source + " is not " + valid + ": it holds null");
        }
        return value;
    }

    /** The file of a verified bundle read as a {@code type}, or empty when its manifest does not list the file. */
    public static <T> Optional<T> read(Bundle bundle, String file, Class<T> type, String valid) {
        if (!bundle.has(file)) {
            return Optional.empty();
        }
        return Optional.of(read(bundle.bytes(file), bundle.modelId() + "/" + file, type, valid));
    }
}
