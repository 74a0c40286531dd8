package io.leadscorer.simulator.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.PrintWriter;

/** The one-line JSON summary every command prints last on standard output, for scripts to read. */
final class JsonLine {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private JsonLine() {
    }

    static void print(PrintWriter out, Object summary) {
        try {
            out.println(MAPPER.writeValueAsString(summary));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write the summary as JSON", e);
        }
    }
}
