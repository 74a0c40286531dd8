package io.leadscorer.scorer.control;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns a control command's bundle URI into a directory of the model store, and refuses everything else: only
 * {@code file:} URIs, whose real path (every symbolic link resolved) is a direct child of the store's real path and
 * is named by the command's model id. A command can therefore never make a scorer read outside the store.
 */
public final class BundleLocator {

    private final Path store;

    public BundleLocator(Path store) {
        this.store = store;
    }

    public Path store() {
        return store;
    }

    /** The bundle directory the command may load; a {@link RejectedBundleException} with the reason otherwise. */
    public Path locate(String bundleUri, String modelId) {
        if (bundleUri == null || bundleUri.isBlank()) {
            return locate(store.resolve(modelId).toUri().toString(), modelId);
        }
        URI uri;
        try {
            uri = new URI(bundleUri);
        } catch (URISyntaxException e) {
            throw new RejectedBundleException("bundle URI '" + bundleUri + "' is not a URI: " + e.getMessage());
        }
        if (!"file".equalsIgnoreCase(uri.getScheme())) {
            throw new RejectedBundleException("bundle URI '" + bundleUri + "' has scheme '" + uri.getScheme()
                    + "'; only file: URIs inside the model store are served");
        }
        if (uri.getRawAuthority() != null && !uri.getRawAuthority().isEmpty() || uri.getRawQuery() != null
                || uri.getRawFragment() != null || uri.getPath() == null) {
            throw new RejectedBundleException("bundle URI '" + bundleUri
                    + "' must be a plain file:///path without host, query or fragment");
        }
        Path storeReal;
        try {
            storeReal = store.toRealPath();
        } catch (IOException e) {
            throw new RejectedBundleException("the model store " + store + " cannot be read: " + e);
        }
        Path requested = Path.of(uri.getPath()).normalize();
        Path real;
        try {
            real = requested.toRealPath();
        } catch (IOException e) {
            throw new RejectedBundleException("no bundle at " + requested + " (" + e.getClass().getSimpleName() + ")");
        }
        if (!storeReal.equals(real.getParent())) {
            throw new RejectedBundleException("bundle " + requested + " resolves to " + real
                    + ", which is not a direct child of the model store " + storeReal);
        }
        if (!Files.isDirectory(real)) {
            throw new RejectedBundleException("bundle " + real + " is not a directory");
        }
        if (!real.getFileName().toString().equals(modelId)) {
            throw new RejectedBundleException("bundle directory " + real.getFileName()
                    + " does not match the command's model id " + modelId);
        }
        return real;
    }
}
