package io.leadscorer.monitor.rollout;

import io.leadscorer.monitor.metrics.MonitorMetrics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Reads the scorer's dead letters for the rollout: one that names the model that failed on its lead ({@code
 * dlq.model.id}) and the input it came from goes on as a {@link ScoringFailure}, keyed by the deployment; any other
 * (undecodable input and the like, which is no model's fault) counts for nothing, and so does one whose headers are
 * longer than any model id or topic name.
 */
public final class ScoringFailureReader implements Processor<byte[], byte[], String, ScoringFailure> {

    /** The dead-letter headers read, as the scorer writes them. */
    public static final String MODEL_ID = "dlq.model.id";
    public static final String SOURCE_TOPIC = "dlq.source.topic";
    public static final String SOURCE_PARTITION = "dlq.source.partition";
    public static final String SOURCE_OFFSET = "dlq.source.offset";
    /** Longer than any model id, topic name (249), partition or offset. */
    static final int MAX_HEADER_CHARS = 1024;

    private final String deployment;
    private final MonitorMetrics metrics;
    private ProcessorContext<String, ScoringFailure> context;

    public ScoringFailureReader(String deployment, MonitorMetrics metrics) {
        this.deployment = deployment;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, ScoringFailure> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        Headers headers = record.headers();
        String model = text(headers, MODEL_ID);
        String topic = text(headers, SOURCE_TOPIC);
        String partition = text(headers, SOURCE_PARTITION);
        String offset = text(headers, SOURCE_OFFSET);
        if (model == null || model.isBlank() || topic == null || partition == null || offset == null) {
            metrics.input("scorer_dead_letter", "no_model");
            return;
        }
        if (model.length() + topic.length() + partition.length() + offset.length() > MAX_HEADER_CHARS) {
            metrics.input("scorer_dead_letter", "unreadable");
            return;
        }
        metrics.input("scorer_dead_letter", "model_failure");
        context.forward(new Record<>(deployment, new ScoringFailure(model, topic + "-" + partition + "@" + offset),
                record.timestamp()));
    }

    private static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
