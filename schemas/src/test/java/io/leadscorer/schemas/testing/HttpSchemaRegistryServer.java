package io.leadscorer.schemas.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.leadscorer.schemas.registry.InMemorySchemaRegistry;
import io.leadscorer.schemas.registry.SchemaRegistryException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.apache.avro.Schema;

/**
 * A Schema Registry served over real HTTP(S) inside the test JVM (JDK HTTP server), implementing the three
 * Confluent REST endpoints the serde uses on top of an {@link InMemorySchemaRegistry}. It can demand
 * basic auth, answer a queued canned response, and records every request, so tests can check what a
 * client sends and how often.
 */
public final class HttpSchemaRegistryServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern REGISTER = Pattern.compile("/subjects/(.+)/versions");
    private static final Pattern LOOKUP = Pattern.compile("/subjects/([^/]+)");
    private static final Pattern BY_ID = Pattern.compile("/schemas/ids/(-?\\d+)");

    /** One request as received: method, decoded path, Content-Type and Authorization headers. */
    public record Request(String method, String path, String contentType, String authorization) {
    }

    private record CannedResponse(int status, String body) {
    }

    private final HttpServer server;
    private final String scheme;
    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final Queue<CannedResponse> canned = new ConcurrentLinkedQueue<>();
    private volatile String requiredAuthorization;
    private volatile boolean outage;

    private HttpSchemaRegistryServer(HttpServer server, String scheme) {
        this.server = server;
        this.scheme = scheme;
        server.createContext("/", this::handle);
        server.start();
    }

    /** Plain HTTP on a free loopback port. */
    public static HttpSchemaRegistryServer start() {
        try {
            return new HttpSchemaRegistryServer(HttpServer.create(loopback(), 0), "http");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** HTTPS with this server context; {@code needClientAuth} demands a client certificate (mutual TLS). */
    public static HttpSchemaRegistryServer startHttps(SSLContext context, boolean needClientAuth) {
        try {
            HttpsServer server = HttpsServer.create(loopback(), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(context) {
                @Override
                public void configure(HttpsParameters params) {
                    SSLParameters parameters = context.getDefaultSSLParameters();
                    parameters.setNeedClientAuth(needClientAuth);
                    params.setSSLParameters(parameters);
                }
            });
            return new HttpSchemaRegistryServer(server, "https");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InetSocketAddress loopback() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    /** Base URL, e.g. {@code http://localhost:41234}. */
    public String url() {
        return scheme + "://localhost:" + server.getAddress().getPort();
    }

    /** Rejects requests without this user and password (HTTP basic) with 401 and error_code 40101. */
    public HttpSchemaRegistryServer requireBasicAuth(String user, String password) {
        requiredAuthorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** While on, every request is answered 503 with a proxy's HTML page, as during a registry outage. */
    public void outage(boolean on) {
        outage = on;
    }

    /** The next request gets this status and body instead of the registry's answer. */
    public void respondNext(int status, String body) {
        canned.add(new CannedResponse(status, body));
    }

    public InMemorySchemaRegistry registry() {
        return registry;
    }

    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        requests.add(new Request(exchange.getRequestMethod(), path,
                exchange.getRequestHeaders().getFirst("Content-Type"), authorization));
        byte[] body = exchange.getRequestBody().readAllBytes();
        CannedResponse next = canned.poll();
        if (outage) {
            reply(exchange, 503, "<html><body>503 Service Unavailable</body></html>");
        } else if (next != null) {
            reply(exchange, next.status(), next.body());
        } else if (requiredAuthorization != null && !requiredAuthorization.equals(authorization)) {
            reply(exchange, 401, error(40101, "Unauthorized"));
        } else {
            try {
                reply(exchange, 200, route(exchange.getRequestMethod(), path, body));
            } catch (SchemaRegistryException e) {
                reply(exchange, e.status(), error(e.errorCode(), e.getMessage()));
            }
        }
    }

    private String route(String method, String path, byte[] body) throws IOException {
        Matcher matcher;
        if ("POST".equals(method) && (matcher = REGISTER.matcher(path)).matches()) {
            return JSON.writeValueAsString(Map.of("id", registry.register(matcher.group(1), schemaOf(body))));
        }
        if ("POST".equals(method) && (matcher = LOOKUP.matcher(path)).matches()) {
            Schema schema = schemaOf(body);
            int id = registry.idOf(matcher.group(1), schema);
            int version = registry.versions(matcher.group(1)).indexOf(schema) + 1;
            return JSON.writeValueAsString(Map.of("subject", matcher.group(1), "version", version, "id", id,
                    "schema", schema.toString()));
        }
        if ("GET".equals(method) && (matcher = BY_ID.matcher(path)).matches()) {
            return JSON.writeValueAsString(Map.of("schema", registry.byId(Integer.parseInt(matcher.group(1))).toString()));
        }
        throw new SchemaRegistryException("HTTP 404 Not Found", 404, 404);
    }

    private static Schema schemaOf(byte[] body) throws IOException {
        JsonNode request = JSON.readTree(body);
        try {
            return new Schema.Parser().parse(request.path("schema").asText());
        } catch (RuntimeException e) {
            throw new SchemaRegistryException("Invalid schema: " + e.getMessage(), 422, 42201);
        }
    }

    private static String error(int code, String message) throws IOException {
        return JSON.writeValueAsString(Map.of("error_code", code, "message", message));
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
