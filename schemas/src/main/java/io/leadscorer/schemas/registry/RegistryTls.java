package io.leadscorer.schemas.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.common.config.ConfigException;

/**
 * Builds the TLS context for an HTTPS registry from the {@code schema.registry.ssl.*} settings: a
 * truststore for a registry whose certificate the JDK does not already trust, and a keystore for mutual
 * TLS. Without either setting the JDK's default context is used.
 */
final class RegistryTls {

    private RegistryTls() {
    }

    static Optional<SSLContext> fromConfig(Map<String, ?> config) {
        Optional<String> truststore = ConfigValues.string(config, SchemaRegistryConfig.SSL_TRUSTSTORE_LOCATION);
        Optional<String> keystore = ConfigValues.string(config, SchemaRegistryConfig.SSL_KEYSTORE_LOCATION);
        if (truststore.isEmpty() && keystore.isEmpty()) {
            return Optional.empty();
        }
        try {
            TrustManager[] trust = truststore.isPresent() ? trustManagers(config, truststore.get()) : null;
            KeyManager[] keys = keystore.isPresent() ? keyManagers(config, keystore.get()) : null;
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, trust, null);
            return Optional.of(context);
        } catch (GeneralSecurityException | IOException e) {
            throw new ConfigException("Could not set up TLS for the schema registry: " + e.getMessage());
        }
    }

    private static TrustManager[] trustManagers(Map<String, ?> config, String location)
            throws GeneralSecurityException, IOException {
        KeyStore store = load(location,
                ConfigValues.string(config, SchemaRegistryConfig.SSL_TRUSTSTORE_TYPE),
                ConfigValues.string(config, SchemaRegistryConfig.SSL_TRUSTSTORE_PASSWORD));
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory.getTrustManagers();
    }

    private static KeyManager[] keyManagers(Map<String, ?> config, String location)
            throws GeneralSecurityException, IOException {
        Optional<String> storePassword = ConfigValues.string(config, SchemaRegistryConfig.SSL_KEYSTORE_PASSWORD);
        KeyStore store = load(location, ConfigValues.string(config, SchemaRegistryConfig.SSL_KEYSTORE_TYPE), storePassword);
        String keyPassword = ConfigValues.string(config, SchemaRegistryConfig.SSL_KEY_PASSWORD).or(() -> storePassword).orElse("");
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, keyPassword.toCharArray());
        return factory.getKeyManagers();
    }

    private static KeyStore load(String location, Optional<String> type, Optional<String> password)
            throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(type.orElse("JKS"));
        try (InputStream in = Files.newInputStream(Path.of(location))) {
            store.load(in, password.map(String::toCharArray).orElse(null));
        }
        return store;
    }
}
