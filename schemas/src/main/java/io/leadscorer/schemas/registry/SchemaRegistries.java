package io.leadscorer.schemas.registry;

import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/**
 * Chooses the registry client from Kafka-style settings: the in-memory registry of a scope for
 * {@code mock://<scope>}, an HTTP client (basic auth, TLS) for {@code http(s)://} URLs.
 */
public final class SchemaRegistries {

    private static final String MOCK_PREFIX = "mock://";

    private SchemaRegistries() {
    }

    public static SchemaRegistryClient fromConfig(Map<String, ?> config) {
        String url = ConfigValues.string(config, SchemaRegistryConfig.URL)
                .orElseThrow(() -> new ConfigException("Missing " + SchemaRegistryConfig.URL
                        + " (an http(s):// URL of a Schema Registry, or mock://<scope> for an in-memory one)"));
        if (url.startsWith(MOCK_PREFIX)) {
            if (url.contains(",")) {
                throw new ConfigException(SchemaRegistryConfig.URL, url, "a mock:// URL cannot be part of a list");
            }
            return InMemorySchemaRegistry.forScope(url.substring(MOCK_PREFIX.length()));
        }
        return new HttpSchemaRegistryClient(RegistryConnection.fromConfig(config));
    }
}
