package io.leadscorer.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The REST subset over real HTTP, sent as the project's HttpSchemaRegistryClient sends it (Confluent content type,
 * JSON body {"schema": ...}) and as Confluent's own serializers add to it (query parameters, latest version,
 * subjects, config). The schemas module's HttpSchemaRegistryClientTest runs the client itself against this server.
 */
class HttpSchemaRegistryServerTest {

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Schema LEAD = SchemaBuilder.record("Lead").namespace("test").fields()
            .requiredString("lead_id").endRecord();
    private static final Schema SCORE = SchemaBuilder.record("Score").namespace("test").fields()
            .requiredString("lead_id").requiredDouble("probability").endRecord();

    private final HttpSchemaRegistryServer server = HttpSchemaRegistryServer.start();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void registersLooksUpAndServesById() throws Exception {
        Reply registered = post("/subjects/mql.events-value/versions?normalize=false", LEAD);
        assertThat(registered.status()).isEqualTo(200);
        assertThat(registered.json().get("id").asInt()).isEqualTo(1);
        assertThat(post("/subjects/mql.scores-value/versions", SCORE).json().get("id").asInt()).isEqualTo(2);
        // the same schema under another subject keeps its id
        assertThat(post("/subjects/other-value/versions", LEAD).json().get("id").asInt()).isEqualTo(1);

        Reply lookup = post("/subjects/mql.events-value", LEAD);
        assertThat(lookup.status()).isEqualTo(200);
        assertThat(lookup.json().get("id").asInt()).isEqualTo(1);
        assertThat(lookup.json().get("version").asInt()).isEqualTo(1);
        assertThat(new Schema.Parser().parse(lookup.json().get("schema").asText())).isEqualTo(LEAD);

        Reply byId = get("/schemas/ids/2?fetchMaxId=false&subject=mql.scores-value");
        assertThat(byId.status()).isEqualTo(200);
        assertThat(new Schema.Parser().parse(byId.json().get("schema").asText())).isEqualTo(SCORE);
    }

    @Test
    void servesVersionsLatestAndSubjects() throws Exception {
        Schema evolved = SchemaBuilder.record("Lead").namespace("test").fields().requiredString("lead_id")
                .optionalString("source").endRecord();
        post("/subjects/mql.events-value/versions", LEAD);
        post("/subjects/mql.events-value/versions", evolved);
        post("/subjects/mql.scores-value/versions", SCORE);

        assertThat(get("/subjects").json()).extracting(JsonNode::asText)
                .containsExactly("mql.events-value", "mql.scores-value");
        assertThat(get("/subjects/mql.events-value/versions").json()).extracting(JsonNode::asInt).containsExactly(1, 2);
        JsonNode latest = get("/subjects/mql.events-value/versions/latest").json();
        assertThat(latest.get("version").asInt()).isEqualTo(2);
        assertThat(latest.get("id").asInt()).isEqualTo(2);
        assertThat(new Schema.Parser().parse(latest.get("schema").asText())).isEqualTo(evolved);
        assertThat(get("/subjects/mql.events-value/versions/1").json().get("id").asInt()).isEqualTo(1);
    }

    @Test
    void answersConfluentErrorCodes() throws Exception {
        post("/subjects/mql.events-value/versions", LEAD);
        assertError(get("/schemas/ids/9"), 404, 40403);
        assertError(post("/subjects/unknown-value", LEAD), 404, 40401);
        assertError(post("/subjects/mql.events-value", SCORE), 404, 40403);
        assertError(get("/subjects/mql.events-value/versions/3"), 404, 40402);
        assertError(send("POST", "/subjects/x/versions", "{\"schema\":\"{not avro\"}"), 422, 42201);
        assertError(send("POST", "/subjects/x/versions", "{\"schemaType\":\"PROTOBUF\",\"schema\":\"syntax = \\\"proto3\\\";\"}"),
                422, 42201);
        assertThat(server.registry().subjects()).containsExactly("mql.events-value");
    }

    @Test
    void refusesNewVersionsOfASubjectAsIncompatibleUntilToldOtherwise() throws Exception {
        post("/subjects/mql.scores-value/versions", SCORE);
        server.refuseNewVersions("mql.scores-value", true);
        assertError(post("/subjects/mql.scores-value/versions", LEAD), 409, 409);
        assertThat(post("/subjects/mql.scores-value/versions", SCORE).json().get("id").asInt())
                .as("a version the subject has is still answered").isEqualTo(1);
        assertThat(post("/subjects/mql.events-value/versions", LEAD).json().get("id").asInt())
                .as("other subjects are not refused").isEqualTo(2);

        server.refuseNewVersions("mql.scores-value", false);
        assertThat(post("/subjects/mql.scores-value/versions", LEAD).json().get("id").asInt()).isEqualTo(2);
    }

    @Test
    void recordsCompatibilityConfig() throws Exception {
        assertThat(get("/config").json().get("compatibilityLevel").asText()).isEqualTo("NONE");
        assertThat(send("PUT", "/config/mql.events-value", "{\"compatibility\":\"BACKWARD\"}").json()
                .get("compatibility").asText()).isEqualTo("BACKWARD");
        assertThat(get("/config/mql.events-value").json().get("compatibilityLevel").asText()).isEqualTo("BACKWARD");
        assertThat(get("/config").json().get("compatibilityLevel").asText()).isEqualTo("NONE");
        assertError(send("PUT", "/config", "{\"compatibility\":\"SOMETIMES\"}"), 422, 42203);
    }

    @Test
    void demandsBasicAuthWhenAsked() throws Exception {
        server.requireBasicAuth("alice", "s3cret");
        assertError(get("/subjects"), 401, 40101);
        HttpResponse<String> authorized = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/subjects"))
                .header("Authorization", "Basic YWxpY2U6czNjcmV0").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(authorized.statusCode()).isEqualTo(200);
        assertThat(server.requests()).extracting(HttpSchemaRegistryServer.Request::authorization)
                .containsExactly(null, "Basic YWxpY2U6czNjcmV0");
    }

    private void assertError(Reply reply, int status, int errorCode) {
        assertThat(reply.status()).as(reply.json().toString()).isEqualTo(status);
        assertThat(reply.json().get("error_code").asInt()).isEqualTo(errorCode);
        assertThat(reply.contentType()).isEqualTo(CONTENT_TYPE);
    }

    private Reply post(String path, Schema schema) throws IOException, InterruptedException {
        return send("POST", path, JSON.writeValueAsString(Map.of("schema", schema.toString())));
    }

    private Reply get(String path) throws IOException, InterruptedException {
        return send("GET", path, null);
    }

    private Reply send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.url() + path))
                .header("Accept", CONTENT_TYPE + ", application/json")
                .header("Content-Type", CONTENT_TYPE)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), JSON.readTree(response.body()),
                response.headers().firstValue("Content-Type").orElse(""));
    }

    private record Reply(int status, JsonNode json, String contentType) {
    }
}
