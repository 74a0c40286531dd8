package io.leadscorer.scorer.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A sampling profile of the stream threads' wall time: every few milliseconds it takes their stacks and counts each
 * sample under what the thread was doing (forward pass, tokenizing, EOS commit, polling, state store, ...). It says
 * where a pipeline loses time against the raw predictor, which CPU time per thread alone cannot (a thread blocked in
 * a commit uses no CPU).
 */
final class StreamThreadProfile implements AutoCloseable {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final long INTERVAL_MS = 10;
    private static final int DEPTH = 64;

    /**
     * Each activity with the frames that show it (a class name prefix, or a class and {@code #method}); a sample goes
     * to the first activity, in this order, with a matching frame anywhere in the stack.
     */
    private static final Map<String, String[]> ACTIVITIES = activities();

    private final Map<String, Integer> samples = new TreeMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread sampler;
    private int total;

    private StreamThreadProfile() {
        sampler = new Thread(this::sample, "bench-profiler");
        sampler.setDaemon(true);
    }

    static StreamThreadProfile start() {
        StreamThreadProfile profile = new StreamThreadProfile();
        profile.sampler.start();
        return profile;
    }

    private static Map<String, String[]> activities() {
        Map<String, String[]> activities = new LinkedHashMap<>();
        activities.put("waiting for a batch's forward pass", new String[] {"io.leadscorer.scorer.predict.PendingScores#await"});
        activities.put("forward pass (PyTorch)", new String[] {"ai.djl.pytorch", "ai.djl.nn", "io.leadscorer.model.network"});
        activities.put("tokenize", new String[] {"io.leadscorer.model.tokenizer", "ai.djl.huggingface"});
        activities.put("lead text", new String[] {"io.leadscorer.model.text"});
        activities.put("other inference (DJL glue)", new String[] {"io.leadscorer.model", "ai.djl"});
        activities.put("EOS commit", new String[] {"org.apache.kafka.streams.processor.internals.TaskExecutor#commit",
                "org.apache.kafka.streams.processor.internals.StreamThread#maybeCommit",
                "org.apache.kafka.clients.producer.KafkaProducer#commitTransaction",
                "org.apache.kafka.clients.producer.KafkaProducer#sendOffsetsToTransaction"});
        activities.put("buffer store (RocksDB, cache)", new String[] {"org.rocksdb", "org.apache.kafka.streams.state"});
        activities.put("Avro decode / encode", new String[] {"org.apache.avro", "io.leadscorer.schemas.serde"});
        activities.put("produce (send scores, changelog)", new String[] {"org.apache.kafka.clients.producer",
                "org.apache.kafka.streams.processor.internals.RecordCollectorImpl"});
        activities.put("poll (waiting for records)", new String[] {"org.apache.kafka.streams.processor.internals.StreamThread#pollPhase",
                "org.apache.kafka.clients.consumer"});
        activities.put("punctuate, metrics, other", new String[] {""});
        return activities;
    }

    private void sample() {
        while (running.get()) {
            long[] streamThreads = Arrays.stream(THREADS.getThreadInfo(THREADS.getAllThreadIds(), 0))
                    .filter(info -> info != null && info.getThreadName().matches(".*-StreamThread-\\d+"))
                    .mapToLong(ThreadInfo::getThreadId).toArray();
            for (ThreadInfo info : THREADS.getThreadInfo(streamThreads, DEPTH)) {
                if (info != null) {
                    record(classify(info.getStackTrace()));
                }
            }
            try {
                Thread.sleep(INTERVAL_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void record(String activity) {
        samples.merge(activity, 1, Integer::sum);
        total++;
    }

    private static String classify(StackTraceElement[] stack) {
        for (Map.Entry<String, String[]> activity : ACTIVITIES.entrySet()) {
            for (String pattern : activity.getValue()) {
                for (StackTraceElement frame : stack) {
                    if (matches(frame, pattern)) {
                        return activity.getKey();
                    }
                }
            }
        }
        return "punctuate, metrics, other";
    }

    private static boolean matches(StackTraceElement frame, String pattern) {
        int hash = pattern.indexOf('#');
        if (hash < 0) {
            return frame.getClassName().startsWith(pattern);
        }
        return frame.getClassName().equals(pattern.substring(0, hash))
                && frame.getMethodName().equals(pattern.substring(hash + 1));
    }

    @Override
    public void close() {
        running.set(false);
        sampler.interrupt();
        try {
            sampler.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** e.g. {@code forward pass (PyTorch) 61%, EOS commit 22%, ...} by share of the stream thread's wall time. */
    synchronized String summary() {
        if (total == 0) {
            return "no samples";
        }
        StringBuilder out = new StringBuilder();
        samples.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(entry -> out.append(out.isEmpty() ? "" : ", ").append(entry.getKey()).append(' ')
                        .append(String.format(Locale.ROOT, "%.0f%%", 100.0 * entry.getValue() / total)));
        return out.toString();
    }
}
