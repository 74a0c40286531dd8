package io.leadscorer.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression selects, and the names the services expose
 * (deployment/prometheus/exposed-metrics.txt, which the scorer's and the monitor's tests check against their scrapes).
 */
final class PromQl {

    /** Keywords and operators spelled like names. */
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on",
            "ignoring", "group_left", "group_right", "inf", "nan", "Inf", "NaN", "atan2");

    /** Metrics Prometheus records itself for every target. */
    static final Set<String> PROMETHEUS_OWN = Set.of("up");

    private static final Pattern NAME = Pattern.compile("(?<![0-9A-Za-z_:.$])[A-Za-z_:][A-Za-z0-9_:]*");

    private PromQl() {
    }

    /** Every metric name the expression selects: names not called as functions, outside label matchers and ranges. */
    static Set<String> metricNames(String expression) {
        String text = expression.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"").replaceAll("'(?:[^'\\\\]|\\\\.)*'", "''")
                .replaceAll("\\{[^}]*}", " ").replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new TreeSet<>();
        Matcher matcher = NAME.matcher(text);
        while (matcher.find()) {
            String name = matcher.group();
            int next = matcher.end();
            while (next < text.length() && Character.isWhitespace(text.charAt(next))) {
                next++;
            }
            boolean call = next < text.length() && text.charAt(next) == '(';
            if (!call && !KEYWORDS.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }

    /** The exposed names by service, from deployment/prometheus/exposed-metrics.txt. */
    static Map<String, String> exposed() {
        Map<String, String> services = new TreeMap<>();
        try {
            for (String line : Files.readAllLines(Project.file("deployment/prometheus/exposed-metrics.txt"))) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.trim().split("\\s+");
                if (parts.length != 2) {
                    throw new IllegalStateException("not 'service metric': " + line);
                }
                services.put(parts[1], parts[0]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return services;
    }
}
