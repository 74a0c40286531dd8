package io.leadscorer.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;

class RegistryConnectionTest {

    private static final String ALICE = "Basic YWxpY2U6czNjcmV0"; // alice:s3cret

    @Test
    void readsUrlsAndTimeouts() {
        RegistryConnection connection = RegistryConnection.fromConfig(Map.of(
                "schema.registry.url", "http://a:8081/, https://b:8082/ccompat/v7",
                "http.connect.timeout.ms", "1500",
                "http.read.timeout.ms", 2500));
        assertThat(connection.urls()).containsExactly(URI.create("http://a:8081"), URI.create("https://b:8082/ccompat/v7"));
        assertThat(connection.connectTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(connection.requestTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(connection.authorization()).isEmpty();
        assertThat(connection.sslContext()).isEmpty();
    }

    @Test
    void basicAuthFromUserInfoSetting() {
        RegistryConnection connection = RegistryConnection.fromConfig(Map.of(
                "schema.registry.url", "https://a:8081",
                "basic.auth.credentials.source", "USER_INFO",
                "basic.auth.user.info", new Password("alice:s3cret")));
        assertThat(connection.authorization()).contains(ALICE);
        assertThat(RegistryConnection.fromConfig(Map.of("schema.registry.url", "https://a:8081",
                "basic.auth.user.info", "alice:s3cret")).authorization()).as("user info without a source").contains(ALICE);
    }

    @Test
    void refusesBasicAuthOverPlainHttpUnlessExplicitlyAllowedWithoutEchoingTheSecret() {
        assertThatThrownBy(() -> RegistryConnection.fromConfig(Map.of("schema.registry.url", "https://b:8081,http://a:8081",
                "basic.auth.credentials.source", "USER_INFO", "basic.auth.user.info", "alice:CANARY-5ecret")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("http://a:8081")
                .hasMessageContaining("basic.auth.allow.http").hasMessageNotContaining("CANARY");
        assertThatThrownBy(() -> RegistryConnection.to("http://alice:CANARY-5ecret@a:8081"))
                .isInstanceOf(ConfigException.class).hasMessageNotContaining("CANARY");
        assertThat(RegistryConnection.fromConfig(Map.of("schema.registry.url", "http://alice:s3cret@a:8081",
                "basic.auth.allow.http", "true")).authorization()).contains(ALICE);
        assertThat(RegistryConnection.to("http://a:8081").authorization()).as("no credentials, nothing to refuse").isEmpty();
        assertThatThrownBy(() -> RegistryConnection.to("ftp://alice:CANARY-5ecret@a:21"))
                .isInstanceOf(ConfigException.class).hasMessageNotContaining("CANARY");
    }

    @Test
    void basicAuthFromUrlUserInfoWhichIsStrippedFromTheUrl() {
        RegistryConnection connection = RegistryConnection.to("https://alice:s3cret@a:8081");
        assertThat(connection.authorization()).contains(ALICE);
        assertThat(connection.urls()).containsExactly(URI.create("https://a:8081"));
        assertThat(connection).hasToString("RegistryConnection[https://a:8081] with basic auth");
        assertThat(RegistryConnection.fromConfig(Map.of("schema.registry.url", "https://alice:s3cret@a:8081",
                "basic.auth.credentials.source", "URL")).authorization()).contains(ALICE);
    }

    @Test
    void inconsistentSettingsAreConfigErrors() {
        assertThatThrownBy(() -> RegistryConnection.fromConfig(Map.of("schema.registry.url", "http://a:8081",
                "basic.auth.credentials.source", "USER_INFO")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("basic.auth.user.info");
        assertThatThrownBy(() -> RegistryConnection.fromConfig(Map.of("schema.registry.url", "http://a:8081",
                "basic.auth.credentials.source", "SASL_INHERIT")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("SASL_INHERIT");
        assertThatThrownBy(() -> RegistryConnection.to("ftp://a:21"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("expected an http(s) URL");
        assertThatThrownBy(() -> RegistryConnection.fromConfig(Map.of("schema.registry.url", "http://a:8081",
                "http.read.timeout.ms", "soon")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("http.read.timeout.ms");
        assertThatThrownBy(() -> RegistryConnection.fromConfig(Map.of("schema.registry.url", "http://a:8081",
                "schema.registry.ssl.truststore.location", "/does/not/exist.p12")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("TLS");
    }
}
