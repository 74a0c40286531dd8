package io.leadscorer.schemas.registry;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Names of the settings that choose and reach a Schema Registry. They are Confluent's own names, so one
 * configuration works with this project's serde and with Confluent's {@code SpecificAvroSerde}.
 */
public final class SchemaRegistryConfig {

    /** Registry URL, or a comma-separated list tried in order; {@code mock://<scope>} for the in-memory one. */
    public static final String URL = "schema.registry.url";
    /** {@code USER_INFO} (use {@link #BASIC_AUTH_USER_INFO}) or {@code URL} (use the URL's user info). */
    public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    /** {@code user:password} for HTTP basic authentication. */
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    /** Same as {@link #BASIC_AUTH_USER_INFO}, the prefixed spelling Confluent also accepts. */
    public static final String PREFIXED_BASIC_AUTH_USER_INFO = "schema.registry.basic.auth.user.info";

    /**
     * {@code true} to send basic-auth credentials to a registry over plain {@code http://} anyway (default false:
     * refused, since the password would cross the network in clear text).
     */
    public static final String BASIC_AUTH_ALLOW_HTTP = "basic.auth.allow.http";

    public static final String SSL_TRUSTSTORE_LOCATION = "schema.registry.ssl.truststore.location";
    public static final String SSL_TRUSTSTORE_PASSWORD = "schema.registry.ssl.truststore.password";
    public static final String SSL_TRUSTSTORE_TYPE = "schema.registry.ssl.truststore.type";
    public static final String SSL_KEYSTORE_LOCATION = "schema.registry.ssl.keystore.location";
    public static final String SSL_KEYSTORE_PASSWORD = "schema.registry.ssl.keystore.password";
    public static final String SSL_KEYSTORE_TYPE = "schema.registry.ssl.keystore.type";
    /** Password of the private key in the keystore; the keystore password when absent. */
    public static final String SSL_KEY_PASSWORD = "schema.registry.ssl.key.password";

    /** Milliseconds to wait for a connection (default 10000). */
    public static final String CONNECT_TIMEOUT_MS = "http.connect.timeout.ms";
    /** Milliseconds to wait for a response (default 30000). */
    public static final String READ_TIMEOUT_MS = "http.read.timeout.ms";

    private SchemaRegistryConfig() {
    }

    /**
     * The serde configuration of a service: its further registry settings (blank values dropped, so unset environment
     * variables are harmless), the URL, the connect and read timeouts unless set, and basic auth from
     * {@code user:password} when given.
     */
    public static Map<String, Object> serdeConfig(String url, String basicAuthUserInfo, Map<String, String> properties,
                                                  Duration connectTimeout, Duration readTimeout) {
        Map<String, Object> config = new HashMap<>();
        properties.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                config.put(name, value);
            }
        });
        config.put(URL, url);
        config.putIfAbsent(CONNECT_TIMEOUT_MS, Long.toString(connectTimeout.toMillis()));
        config.putIfAbsent(READ_TIMEOUT_MS, Long.toString(readTimeout.toMillis()));
        if (basicAuthUserInfo != null && !basicAuthUserInfo.isBlank()) {
            config.put(BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO");
            config.put(BASIC_AUTH_USER_INFO, basicAuthUserInfo);
        }
        return config;
    }
}
