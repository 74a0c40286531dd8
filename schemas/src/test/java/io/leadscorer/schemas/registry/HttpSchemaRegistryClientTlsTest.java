package io.leadscorer.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadscorer.avro.ScoredLead;
import io.leadscorer.embedded.HttpSchemaRegistryServer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP client over HTTPS with a self-signed registry certificate, with and without mutual TLS. */
class HttpSchemaRegistryClientTlsTest {

    @TempDir
    static Path dir;
    private static SelfSignedCertificate certificate;
    private static HttpSchemaRegistryServer https;
    private static HttpSchemaRegistryServer mutualTls;

    @BeforeAll
    static void start() throws Exception {
        certificate = SelfSignedCertificate.create(dir);
        https = HttpSchemaRegistryServer.startHttps(certificate.serverContext(), false);
        mutualTls = HttpSchemaRegistryServer.startHttps(certificate.serverContext(), true);
    }

    @AfterAll
    static void stop() {
        https.close();
        mutualTls.close();
    }

    @Test
    void trustsTheRegistryThroughTheConfiguredTruststore() {
        SchemaRegistryClient client = SchemaRegistries.fromConfig(trusting(https.url()));
        assertThat(client.register("mql.scores-value", ScoredLead.getClassSchema())).isEqualTo(1);
        assertThat(https.registry().byId(1)).isEqualTo(ScoredLead.getClassSchema());
    }

    @Test
    void withoutTheTruststoreTheSelfSignedRegistryIsRefused() {
        SchemaRegistryClient client = SchemaRegistries.fromConfig(Map.of("schema.registry.url", https.url()));
        assertThatThrownBy(() -> client.register("mql.scores-value", ScoredLead.getClassSchema()))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.isUnavailable()).isTrue())
                .hasMessageContaining("SSLHandshakeException");
    }

    @Test
    void presentsTheClientCertificateFromTheKeystoreForMutualTls() {
        Map<String, Object> config = trusting(mutualTls.url());
        config.put("schema.registry.ssl.keystore.location", certificate.keystore().toString());
        config.put("schema.registry.ssl.keystore.password", certificate.password());
        config.put("schema.registry.ssl.keystore.type", "PKCS12");
        SchemaRegistryClient client = SchemaRegistries.fromConfig(config);
        assertThat(client.register("mql.scores-value", ScoredLead.getClassSchema())).isEqualTo(1);
    }

    @Test
    void mutualTlsRegistryRefusesAClientWithoutCertificate() {
        SchemaRegistryClient client = SchemaRegistries.fromConfig(trusting(mutualTls.url()));
        assertThatThrownBy(() -> client.byId(1))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.status()).isZero())
                .hasMessageStartingWith("Schema registry unreachable at [" + mutualTls.url() + "]");
    }

    private static Map<String, Object> trusting(String url) {
        Map<String, Object> config = new HashMap<>();
        config.put("schema.registry.url", url);
        config.put("schema.registry.ssl.truststore.location", certificate.truststore().toString());
        config.put("schema.registry.ssl.truststore.password", certificate.password());
        config.put("schema.registry.ssl.truststore.type", "PKCS12");
        return config;
    }
}
