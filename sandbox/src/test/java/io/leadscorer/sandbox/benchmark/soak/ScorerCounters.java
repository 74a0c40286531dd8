package io.leadscorer.sandbox.benchmark.soak;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * One scorer process's own counts, scraped from its {@code /prometheus} endpoint: leads scored since it started
 * ({@code leadscorer.records.scored}, summed over its tags) and model generations open. The committed scores a reader
 * sees cannot be told apart by process; these can.
 */
record ScorerCounters(double scored, double generationsOpen) {

    private static final String SCORED = "leadscorer_records_scored_total";
    private static final String GENERATIONS_OPEN = "leadscorer_model_generations_open";
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    static ScorerCounters scrape(URI server) throws IOException, InterruptedException {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(server.resolve("/prometheus"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET /prometheus answered " + response.statusCode());
        }
        return parse(response.body());
    }

    static ScorerCounters parse(String exposition) {
        double scored = 0;
        double generations = 0;
        for (String line : exposition.split("\n")) {
            if (line.startsWith(SCORED + "{") || line.startsWith(SCORED + " ")) {
                scored += value(line);
            } else if (line.startsWith(GENERATIONS_OPEN + "{") || line.startsWith(GENERATIONS_OPEN + " ")) {
                generations += value(line);
            }
        }
        return new ScorerCounters(scored, generations);
    }

    private static double value(String line) {
        String[] parts = line.trim().split("\\s+");
        return Double.parseDouble(parts[parts.length - 1]);
    }
}
