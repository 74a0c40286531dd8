package io.leadscorer.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.apache.avro.Schema;

/**
 * A Schema Registry over real HTTP(S) on the JDK's HTTP server, serving the subset of Confluent's REST API that
 * serializers and deserializers use (those of this project and Confluent's own, in any language): register
 * ({@code POST /subjects/S/versions}), look up ({@code POST /subjects/S}), schema by id ({@code GET /schemas/ids/N}),
 * versions ({@code GET /subjects/S/versions}, {@code .../versions/N|latest}), subjects ({@code GET /subjects}) and
 * compatibility config ({@code GET|PUT /config[/S]}, recorded and answered but not enforced). Avro only. It can
 * demand basic auth, refuse new versions of a subject as incompatible, answer a queued canned response, and records
 * every request, so tests can check what a client sends and how often.
 */
public final class HttpSchemaRegistryServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEFAULT_COMPATIBILITY = "NONE";
    private static final Pattern SUBJECT_VERSIONS = Pattern.compile("/subjects/([^/]+)/versions/?");
    private static final Pattern SUBJECT_VERSION = Pattern.compile("/subjects/([^/]+)/versions/(latest|-1|\\d+)");
    private static final Pattern SUBJECT = Pattern.compile("/subjects/([^/]+)/?");
    private static final Pattern BY_ID = Pattern.compile("/schemas/ids/(-?\\d+)");
    private static final Pattern CONFIG = Pattern.compile("/config(?:/([^/]+))?/?");
    private static final Set<String> COMPATIBILITY_LEVELS = Set.of("NONE", "BACKWARD", "BACKWARD_TRANSITIVE", "FORWARD",
            "FORWARD_TRANSITIVE", "FULL", "FULL_TRANSITIVE");

    /** One request as received: method, decoded path, Content-Type and Authorization headers. */
    public record Request(String method, String path, String contentType, String authorization) {
    }

    private record CannedResponse(int status, String body) {
    }

    private final HttpServer server;
    private final String scheme;
    private final SchemaStore registry = new SchemaStore();
    private final Map<String, String> compatibility = new ConcurrentHashMap<>();
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final Queue<CannedResponse> canned = new ConcurrentLinkedQueue<>();
    private volatile String requiredAuthorization;
    private volatile boolean outage;
    private final Set<String> refusingNewVersions = ConcurrentHashMap.newKeySet();

    private HttpSchemaRegistryServer(HttpServer server, String scheme) {
        this.server = server;
        this.scheme = scheme;
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4, daemonThreads()));
        server.start();
    }

    /** Plain HTTP on a free loopback port. */
    public static HttpSchemaRegistryServer start() {
        return start(0);
    }

    /** Plain HTTP on this loopback port (0: a free one). */
    public static HttpSchemaRegistryServer start(int port) {
        try {
            return new HttpSchemaRegistryServer(HttpServer.create(loopback(port), 0), "http");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** HTTPS with this server context; {@code needClientAuth} demands a client certificate (mutual TLS). */
    public static HttpSchemaRegistryServer startHttps(SSLContext context, boolean needClientAuth) {
        try {
            HttpsServer server = HttpsServer.create(loopback(0), 0);
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

    private static InetSocketAddress loopback(int port) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "schema-registry-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
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

    /**
     * While on, registering a schema that is not yet a version of {@code subject} is answered 409 with the registry's
     * incompatibility error, as a subject whose compatibility setting rejects it would be; everything else is served.
     */
    public void refuseNewVersions(String subject, boolean on) {
        if (on) {
            refusingNewVersions.add(subject);
        } else {
            refusingNewVersions.remove(subject);
        }
    }

    /** The next request gets this status and body instead of the registry's answer. */
    public void respondNext(int status, String body) {
        canned.add(new CannedResponse(status, body));
    }

    /** The schemas served. */
    public SchemaStore registry() {
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
                reply(exchange, 200, JSON.writeValueAsString(route(exchange.getRequestMethod(), path, body)));
            } catch (SchemaStore.Failure e) {
                reply(exchange, e.status(), error(e.errorCode(), e.getMessage()));
            } catch (RuntimeException e) {
                reply(exchange, 500, error(50001, "Error in the backend data store: " + e));
            }
        }
    }

    private Object route(String method, String path, byte[] body) throws IOException {
        Matcher matcher;
        if ("GET".equals(method) && (path.equals("/") || path.isEmpty())) {
            return Map.of();
        }
        if ("GET".equals(method) && (path.equals("/subjects") || path.equals("/subjects/"))) {
            return registry.subjects();
        }
        if ((matcher = SUBJECT_VERSIONS.matcher(path)).matches()) {
            String subject = matcher.group(1);
            if ("POST".equals(method)) {
                Schema schema = schemaOf(body);
                if (refusingNewVersions.contains(subject) && !registry.versions(subject).contains(schema)) {
                    throw new SchemaStore.Failure(409, 409, "Schema being registered is incompatible with an earlier"
                            + " schema for subject \"" + subject + "\"");
                }
                return Map.of("id", registry.register(subject, schema));
            }
            if ("GET".equals(method)) {
                int count = registry.version(subject, -1).version();
                return IntStream.rangeClosed(1, count).boxed().toList();
            }
        }
        if ("GET".equals(method) && (matcher = SUBJECT_VERSION.matcher(path)).matches()) {
            String version = matcher.group(2);
            return describe(registry.version(matcher.group(1), version.equals("latest") ? -1 : parseVersion(version)));
        }
        if ("POST".equals(method) && (matcher = SUBJECT.matcher(path)).matches()) {
            return describe(registry.lookup(matcher.group(1), schemaOf(body)));
        }
        if ("GET".equals(method) && (matcher = BY_ID.matcher(path)).matches()) {
            return Map.of("schema", registry.byId(parseId(matcher.group(1))).toString());
        }
        if ((matcher = CONFIG.matcher(path)).matches()) {
            String key = matcher.group(1) == null ? "" : matcher.group(1);
            if ("GET".equals(method)) {
                return Map.of("compatibilityLevel", compatibility.getOrDefault(key,
                        compatibility.getOrDefault("", DEFAULT_COMPATIBILITY)));
            }
            if ("PUT".equals(method)) {
                String level = JSON.readTree(body).path("compatibility").asText("").toUpperCase(Locale.ROOT);
                if (!COMPATIBILITY_LEVELS.contains(level)) {
                    throw new SchemaStore.Failure(422, 42203, "Invalid compatibility level: " + level);
                }
                compatibility.put(key, level);
                return Map.of("compatibility", level);
            }
        }
        throw new SchemaStore.Failure(404, 404, "HTTP 404 Not Found");
    }

    private static Map<String, Object> describe(SchemaStore.Version version) {
        return Map.of("subject", version.subject(), "version", version.version(), "id", version.id(),
                "schema", version.schema().toString());
    }

    private static int parseVersion(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new SchemaStore.Failure(422, 42202, "Invalid version " + text);
        }
    }

    private static int parseId(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new SchemaStore.Failure(404, SchemaStore.SCHEMA_NOT_FOUND, "Schema " + text + " not found");
        }
    }

    private static Schema schemaOf(byte[] body) {
        try {
            JsonNode request = JSON.readTree(body);
            String type = request.path("schemaType").asText("AVRO");
            if (!"AVRO".equalsIgnoreCase(type)) {
                throw new SchemaStore.Failure(422, 42201, "Only Avro schemas are served here, not " + type);
            }
            return new Schema.Parser().parse(request.path("schema").asText());
        } catch (IOException | RuntimeException e) {
            if (e instanceof SchemaStore.Failure failure) {
                throw failure;
            }
            throw new SchemaStore.Failure(422, 42201, "Invalid schema: " + e.getMessage());
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
        if (server.getExecutor() instanceof java.util.concurrent.ExecutorService executor) {
            executor.shutdownNow();
        }
    }
}
