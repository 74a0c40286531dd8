package io.leadscorer.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.leadscorer.avro.ModelStatus;
import io.leadscorer.avro.ScoredLead;
import io.leadscorer.embedded.HttpSchemaRegistryServer;
import io.leadscorer.embedded.HttpSchemaRegistryServer.Request;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpSchemaRegistryClientTest {

    private final HttpSchemaRegistryServer server = HttpSchemaRegistryServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void registersWithConfluentContentTypeAndCachesTheId() {
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(RegistryConnection.to(server.url()));
        assertThat(client.register("mql.scores-value", ScoredLead.getClassSchema())).isEqualTo(1);
        assertThat(client.register("lead-scorer.status-value", ModelStatus.getClassSchema())).isEqualTo(2);
        assertThat(client.register("mql.scores-value", ScoredLead.getClassSchema())).isEqualTo(1);

        assertThat(server.requests()).containsExactly(
                new Request("POST", "/subjects/mql.scores-value/versions", "application/vnd.schemaregistry.v1+json", null),
                new Request("POST", "/subjects/lead-scorer.status-value/versions", "application/vnd.schemaregistry.v1+json", null));
        assertThat(server.registry().byId(1)).isEqualTo(ScoredLead.getClassSchema());
    }

    @Test
    void looksUpTheIdOfARegisteredSchemaOnce() {
        server.registry().register("other-value", ModelStatus.getClassSchema());
        int registered = server.registry().register("mql.scores-value", ScoredLead.getClassSchema());
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(RegistryConnection.to(server.url()));

        assertThat(client.idOf("mql.scores-value", ScoredLead.getClassSchema())).isEqualTo(registered).isEqualTo(2);
        assertThat(client.idOf("mql.scores-value", ScoredLead.getClassSchema())).isEqualTo(2);
        assertThat(client.byId(2)).isEqualTo(ScoredLead.getClassSchema());
        assertThat(server.requests()).extracting(Request::method, Request::path)
                .containsExactly(tuple("POST", "/subjects/mql.scores-value"));
    }

    @Test
    void fetchesASchemaByIdOnce() {
        server.registry().register("lead-scorer.status-value", ModelStatus.getClassSchema());
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(RegistryConnection.to(server.url()));

        assertThat(client.byId(1)).isEqualTo(ModelStatus.getClassSchema());
        assertThat(client.byId(1).getField("reason").schema().getTypes()).hasSize(2);
        assertThat(server.requests()).extracting(Request::path).containsExactly("/schemas/ids/1");
    }

    @Test
    void registryErrorsCarryStatusErrorCodeAndMessage() {
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(RegistryConnection.to(server.url()));
        assertThatThrownBy(() -> client.byId(42))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo(40403);
                    assertThat(e.isNotFound()).isTrue();
                })
                .hasMessage("Schema registry " + server.url() + "/schemas/ids/42 answered HTTP 404 (error_code 40403): Schema 42 not found");
        assertThatThrownBy(() -> client.idOf("unknown-value", ScoredLead.getClassSchema()))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40401))
                .hasMessageContaining("Subject 'unknown-value' not found.");

        server.respondNext(409, "{\"error_code\":409,\"message\":\"Schema being registered is incompatible with an earlier schema\"}");
        assertThatThrownBy(() -> client.register("mql.scores-value", ScoredLead.getClassSchema()))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.isUnavailable()).isFalse())
                .hasMessageEndingWith("answered HTTP 409 (error_code 409): Schema being registered is incompatible with an earlier schema");

        server.respondNext(503, "<html>upstream down</html>");
        assertThatThrownBy(() -> client.byId(1))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.isUnavailable()).isTrue();
                    assertThat(e.errorCode()).isZero();
                })
                .hasMessageEndingWith("answered HTTP 503: <html>upstream down</html>");
    }

    @Test
    void answerWithoutIdOrWithForeignSchemaTypeIsRejected() {
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(RegistryConnection.to(server.url()));
        server.respondNext(200, "{\"version\":1}");
        assertThatThrownBy(() -> client.register("s", ScoredLead.getClassSchema()))
                .isInstanceOf(SchemaRegistryException.class).hasMessageContaining("has no id");
        server.respondNext(200, "{\"schemaType\":\"PROTOBUF\",\"schema\":\"syntax = \\\"proto3\\\";\"}");
        assertThatThrownBy(() -> client.byId(7))
                .isInstanceOf(SchemaRegistryException.class).hasMessage("Schema 7 is a PROTOBUF schema, not Avro");
        server.respondNext(200, "{\"schema\":\"{not avro\"}");
        assertThatThrownBy(() -> client.byId(8))
                .isInstanceOf(SchemaRegistryException.class).hasMessageStartingWith("Schema 8 from the registry is not a valid Avro schema");
    }

    @Test
    void answersThatDoNotComeFromARegistryCountAsUnavailableNotAsNotFound() {
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(RegistryConnection.to(server.url()));
        server.respondNext(404, "<html>404 Not Found (nginx)</html>");
        server.respondNext(404, "{\"error_code\":404,\"message\":\"HTTP 404 Not Found\"}");
        server.respondNext(302, "");
        server.respondNext(200, "<html>login page</html>");
        server.respondNext(200, "{\"status\":\"ok\"}");
        for (int answer = 0; answer < 5; answer++) {
            assertThatThrownBy(() -> client.byId(3))
                    .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                        assertThat(e.isUnavailable()).isTrue();
                        assertThat(e.isNotFound()).isFalse();
                    });
        }
    }

    @Test
    void aSchemaWithAnInvalidDefaultIsTheSchemasFaultNotTheRegistrys() {
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(RegistryConnection.to(server.url()));
        server.respondNext(200, "{\"schema\":\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"R\\\",\\\"fields\\\":"
                + "[{\\\"name\\\":\\\"n\\\",\\\"type\\\":\\\"int\\\",\\\"default\\\":\\\"x\\\"}]}\"}");
        assertThatThrownBy(() -> client.byId(9))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.isUnavailable()).isFalse();
                    assertThat(e.isNotFound()).isFalse();
                })
                .hasMessageStartingWith("Schema 9 from the registry is not a valid Avro schema");
    }

    @Test
    void sendsBasicAuthFromUserInfoSetting() {
        server.requireBasicAuth("alice", "s3cret");
        SchemaRegistryClient client = SchemaRegistries.fromConfig(Map.of(
                "schema.registry.url", server.url(),
                "basic.auth.credentials.source", "USER_INFO",
                "basic.auth.user.info", "alice:s3cret",
                "basic.auth.allow.http", "true"));
        assertThat(client.register("mql.scores-value", ScoredLead.getClassSchema())).isEqualTo(1);
        assertThat(server.requests()).extracting(Request::authorization).containsExactly("Basic YWxpY2U6czNjcmV0");
    }

    @Test
    void sendsBasicAuthFromUrlUserInfo() {
        server.requireBasicAuth("alice", "s3cret");
        SchemaRegistryClient client = SchemaRegistries.fromConfig(Map.of(
                "schema.registry.url", server.url().replace("http://", "http://alice:s3cret@"),
                "basic.auth.allow.http", "true"));
        assertThat(client.register("mql.scores-value", ScoredLead.getClassSchema())).isEqualTo(1);
    }

    @Test
    void wrongCredentialsGiveTheRegistrysUnauthorizedError() {
        server.requireBasicAuth("alice", "s3cret");
        SchemaRegistryClient client = SchemaRegistries.fromConfig(Map.of(
                "schema.registry.url", server.url(),
                "basic.auth.credentials.source", "USER_INFO",
                "basic.auth.user.info", "alice:wrong",
                "basic.auth.allow.http", "true"));
        assertThatThrownBy(() -> client.register("mql.scores-value", ScoredLead.getClassSchema()))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.errorCode()).isEqualTo(40101);
                    assertThat(e.isUnavailable()).isTrue();
                })
                .hasMessageEndingWith("answered HTTP 401 (error_code 40101): Unauthorized");
    }

    @Test
    void noFailureMessageCarriesTheCredentials() throws IOException {
        String canary = "CANARY-" + Long.toHexString(System.nanoTime());
        String encoded = java.util.Base64.getEncoder().encodeToString(("alice:" + canary).getBytes(StandardCharsets.UTF_8));
        server.requireBasicAuth("alice", "other");
        List<String> urls = List.of(server.url(), "http://localhost:" + freePort());
        List<String> messages = new java.util.ArrayList<>();
        for (String url : urls) {
            SchemaRegistryClient client = SchemaRegistries.fromConfig(Map.of("schema.registry.url",
                    url.replace("http://", "http://alice:" + canary + "@"), "basic.auth.allow.http", "true"));
            messages.add(client.toString());
            for (Runnable call : List.<Runnable>of(() -> client.byId(5), () -> client.register("s", ScoredLead.getClassSchema()))) {
                try {
                    call.run();
                } catch (RuntimeException e) {
                    for (Throwable t = e; t != null; t = t.getCause()) {
                        messages.add(t.toString());
                    }
                }
            }
        }
        server.requireBasicAuth("alice", canary);
        server.respondNext(503, "<html>down</html>");
        server.respondNext(200, "not json");
        SchemaRegistryClient client = SchemaRegistries.fromConfig(Map.of("schema.registry.url", server.url(),
                "basic.auth.user.info", "alice:" + canary, "basic.auth.allow.http", "true"));
        for (int i = 0; i < 3; i++) {
            try {
                client.byId(77);
            } catch (RuntimeException e) {
                messages.add(e.toString());
            }
        }
        assertThat(messages).hasSizeGreaterThan(6)
                .allSatisfy(m -> assertThat(m).doesNotContain(canary).doesNotContain(encoded));
    }

    @Test
    void skipsAnUnreachableUrlAndReportsWhenAllAreUnreachable() throws IOException {
        String dead = "http://localhost:" + freePort();
        server.registry().register("s", ModelStatus.getClassSchema());
        SchemaRegistryClient failover = SchemaRegistries.fromConfig(Map.of("schema.registry.url", dead + "," + server.url()));
        assertThat(failover.byId(1)).isEqualTo(ModelStatus.getClassSchema());

        SchemaRegistryClient unreachable = SchemaRegistries.fromConfig(Map.of("schema.registry.url", dead));
        assertThatThrownBy(() -> unreachable.byId(1))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.status()).isZero();
                    assertThat(e.isUnavailable()).isTrue();
                })
                .hasMessageStartingWith("Schema registry unreachable at [" + dead + "]");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
