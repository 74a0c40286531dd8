package io.leadscorer.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * A Schema Registry client over the Confluent REST API (served by Confluent Schema Registry, Apicurio's
 * ccompat API, Karapace and Redpanda), on the JDK's HTTP client. Answers are cached both ways (subject and
 * schema to id, id to schema), since a registered id never changes meaning. With several URLs, an
 * unreachable one is skipped for the next.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryConnection connection;
    private final HttpClient http;
    private final Map<SubjectSchema, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();

    public HttpSchemaRegistryClient(RegistryConnection connection) {
        this.connection = connection;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connection.connectTimeout());
        connection.sslContext().ifPresent(builder::sslContext);
        this.http = builder.build();
    }

    @Override
    public int register(String subject, Schema schema) {
        return cachedId(subject, schema, "/subjects/" + encode(subject) + "/versions");
    }

    @Override
    public int idOf(String subject, Schema schema) {
        return cachedId(subject, schema, "/subjects/" + encode(subject));
    }

    @Override
    public Schema byId(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = send(HttpRequest.newBuilder().GET(), "/schemas/ids/" + id);
        if (!answer.path("schema").isTextual()) {
            throw SchemaRegistryException.notARegistryAnswer("Answer to /schemas/ids/" + id
                    + " is JSON without a schema string: not a schema registry", 200);
        }
        String type = answer.path("schemaType").asText("AVRO");
        if (!"AVRO".equalsIgnoreCase(type)) {
            throw new SchemaRegistryException("Schema " + id + " is a " + type + " schema, not Avro", 200, 0);
        }
        Schema schema = parse(id, answer.path("schema").asText(""));
        schemasById.putIfAbsent(id, schema);
        return schema;
    }

    /** Both register and lookup answer with the id for a (subject, schema) pair; cache it. */
    private int cachedId(String subject, Schema schema, String path) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = send(HttpRequest.newBuilder().POST(HttpRequest.BodyPublishers.ofString(schemaBody(schema))), path);
        JsonNode id = answer.get("id");
        if (id == null || !id.canConvertToInt()) {
            throw new SchemaRegistryException("Schema registry answer to " + path + " has no id: " + answer, 200, 0);
        }
        idsBySubjectSchema.putIfAbsent(key, id.intValue());
        schemasById.putIfAbsent(id.intValue(), schema);
        return id.intValue();
    }

    private JsonNode send(HttpRequest.Builder request, String path) {
        request.header("Accept", CONTENT_TYPE + ", application/json")
                .header("Content-Type", CONTENT_TYPE)
                .timeout(connection.requestTimeout());
        connection.authorization().ifPresent(value -> request.header("Authorization", value));
        IOException lastFailure = null;
        for (URI base : connection.urls()) {
            URI uri = URI.create(base + path);
            try {
                HttpResponse<String> response = http.send(request.uri(uri).build(), HttpResponse.BodyHandlers.ofString());
                return answer(uri, response);
            } catch (IOException e) {
                lastFailure = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryException("Interrupted calling the schema registry at " + uri, e);
            }
        }
        throw new SchemaRegistryException("Schema registry unreachable at " + connection.urls() + ": " + lastFailure, lastFailure);
    }

    private static JsonNode answer(URI uri, HttpResponse<String> response) {
        Optional<JsonNode> body = readJson(response.body());
        if (response.statusCode() / 100 == 2 && body.isPresent()) {
            return body.get();
        }
        if (response.statusCode() / 100 == 2 || response.statusCode() / 100 == 3) {
            throw SchemaRegistryException.notARegistryAnswer("Schema registry " + uri + " answered HTTP "
                    + response.statusCode() + " without the registry's JSON: " + abbreviate(response.body()),
                    response.statusCode());
        }
        int errorCode = body.map(b -> b.path("error_code").asInt(0)).orElse(0);
        String message = body.map(b -> b.path("message").asText(b.toString())).orElse(abbreviate(response.body()));
        throw new SchemaRegistryException("Schema registry " + uri + " answered HTTP " + response.statusCode()
                + (errorCode == 0 ? "" : " (error_code " + errorCode + ")") + ": " + message,
                response.statusCode(), errorCode);
    }

    private static Optional<JsonNode> readJson(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Schema parse(int id, String text) {
        try {
            return new Schema.Parser().parse(text);
        } catch (RuntimeException | StackOverflowError e) {
            // SchemaParseException, AvroTypeException (a bad default), IllegalArgumentException (a bad logical
            // type), or a schema nested deeper than the parser's stack: the registry's schema itself is unusable.
            throw new SchemaRegistryException("Schema " + id + " from the registry is not a valid Avro schema: "
                    + e.getMessage(), 200, 0);
        }
    }

    private static String schemaBody(Schema schema) {
        try {
            return JSON.writeValueAsString(Map.of("schema", schema.toString()));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write a JSON string", e);
        }
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviate(String body) {
        String text = body == null ? "" : body.strip();
        return text.isEmpty() ? "(empty body)" : text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    @Override
    public String toString() {
        return "HttpSchemaRegistryClient" + connection.urls();
    }

    private record SubjectSchema(String subject, Schema schema) {
    }
}
