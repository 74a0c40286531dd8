package io.leadscorer.schemas.registry;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.apache.kafka.common.config.ConfigException;

/**
 * How to reach an HTTP Schema Registry, read from Confluent-style settings: base URLs (user info
 * stripped), the basic-auth {@code Authorization} header, the TLS context and timeouts.
 */
public record RegistryConnection(List<URI> urls, Optional<String> authorization, Optional<SSLContext> sslContext,
                                 Duration connectTimeout, Duration requestTimeout) {

    public RegistryConnection {
        if (urls.isEmpty()) {
            throw new ConfigException("No schema registry URL given in " + SchemaRegistryConfig.URL);
        }
        urls = List.copyOf(urls);
    }

    /** A plain connection to one URL (user info in the URL becomes basic auth), default timeouts. */
    public static RegistryConnection to(String url) {
        return fromConfig(Map.of(SchemaRegistryConfig.URL, url));
    }

    public static RegistryConnection fromConfig(Map<String, ?> config) {
        String setting = ConfigValues.string(config, SchemaRegistryConfig.URL)
                .orElseThrow(() -> new ConfigException("Missing " + SchemaRegistryConfig.URL));
        List<URI> given = Arrays.stream(setting.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(RegistryConnection::parse).toList();
        Optional<String> userInfo = userInfo(config, given);
        boolean allowHttp = ConfigValues.string(config, SchemaRegistryConfig.BASIC_AUTH_ALLOW_HTTP)
                .map(Boolean::parseBoolean).orElse(false);
        List<URI> urls = given.stream().map(RegistryConnection::withoutUserInfo).toList();
        if (userInfo.isPresent() && !allowHttp) {
            urls.stream().filter(url -> "http".equalsIgnoreCase(url.getScheme())).findFirst().ifPresent(url -> {
                throw new ConfigException("Refusing to send schema registry basic-auth credentials over plain HTTP to "
                        + url + ": use https://, or set " + SchemaRegistryConfig.BASIC_AUTH_ALLOW_HTTP + "=true");
            });
        }
        return new RegistryConnection(
                urls,
                userInfo.map(RegistryConnection::basicAuthorization),
                RegistryTls.fromConfig(config),
                millis(config, SchemaRegistryConfig.CONNECT_TIMEOUT_MS, 10_000),
                millis(config, SchemaRegistryConfig.READ_TIMEOUT_MS, 30_000));
    }

    private static Optional<String> userInfo(Map<String, ?> config, List<URI> urls) {
        String source = ConfigValues.string(config, SchemaRegistryConfig.BASIC_AUTH_CREDENTIALS_SOURCE).orElse("");
        Optional<String> fromUrl = urls.stream().map(URI::getRawUserInfo).filter(u -> u != null && !u.isEmpty())
                .findFirst().map(u -> URLDecoder.decode(u, StandardCharsets.UTF_8));
        Optional<String> fromSetting = ConfigValues.string(config, SchemaRegistryConfig.BASIC_AUTH_USER_INFO)
                .or(() -> ConfigValues.string(config, SchemaRegistryConfig.PREFIXED_BASIC_AUTH_USER_INFO));
        return switch (source.toUpperCase(Locale.ROOT)) {
            case "USER_INFO" -> Optional.of(fromSetting.orElseThrow(() -> new ConfigException(
                    SchemaRegistryConfig.BASIC_AUTH_CREDENTIALS_SOURCE + "=USER_INFO needs "
                            + SchemaRegistryConfig.BASIC_AUTH_USER_INFO)));
            case "URL" -> Optional.of(fromUrl.orElseThrow(() -> new ConfigException(
                    SchemaRegistryConfig.BASIC_AUTH_CREDENTIALS_SOURCE + "=URL needs user info in " + SchemaRegistryConfig.URL)));
            case "" -> fromSetting.or(() -> fromUrl);
            default -> throw new ConfigException(SchemaRegistryConfig.BASIC_AUTH_CREDENTIALS_SOURCE, source,
                    "supported: USER_INFO, URL");
        };
    }

    private static String basicAuthorization(String userInfo) {
        return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    }

    private static URI parse(String url) {
        try {
            URI uri = new URI(url);
            if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
                throw new ConfigException("Invalid " + SchemaRegistryConfig.URL + " " + redacted(url)
                        + ": expected an http(s) URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigException("Invalid " + SchemaRegistryConfig.URL + " " + redacted(url) + ": "
                    + e.getReason());
        }
    }

    /** A URL as it may be shown: user info (credentials) replaced. */
    private static String redacted(String url) {
        return url.replaceAll("//[^/@]*@", "//***@");
    }

    private static URI withoutUserInfo(URI uri) {
        try {
            String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
            return new URI(uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + path);
        } catch (URISyntaxException e) {
            throw new ConfigException("Invalid " + SchemaRegistryConfig.URL + " " + redacted(uri.toString()) + ": "
                    + e.getReason());
        }
    }

    private static Duration millis(Map<String, ?> config, String key, long defaultMillis) {
        String value = ConfigValues.string(config, key).orElse(Long.toString(defaultMillis));
        try {
            return Duration.ofMillis(Long.parseLong(value));
        } catch (NumberFormatException e) {
            throw new ConfigException(key, value, "expected milliseconds");
        }
    }

    @Override
    public String toString() {
        return "RegistryConnection" + urls + (authorization.isPresent() ? " with basic auth" : "");
    }
}
