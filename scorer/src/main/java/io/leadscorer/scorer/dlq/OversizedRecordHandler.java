package io.leadscorer.scorer.dlq;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one write that the producer or broker finds too large (a dead letter for a topic with a smaller
 * {@code max.message.bytes} than {@code scorer.limits.max-dead-letter-bytes}, a changelog entry) from killing the
 * stream client: it is logged with its topic, partition and size and skipped. Every other send error fails as
 * before. Dead letters are truncated to the limit before they are sent and changelog entries are bounded by the
 * record limits, so this is the last line, not the first. Under exactly-once a send error also aborts the
 * transaction whatever this handler answers; there the bounds are what keeps a record from being retried forever.
 */
public final class OversizedRecordHandler implements ProductionExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(OversizedRecordHandler.class);

    @Override
    public ProductionExceptionHandlerResponse handle(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
                                                     Exception exception) {
        if (exception instanceof RecordTooLargeException) {
            LOG.error("Skipping a record too large for topic {} (key {} bytes, value {} bytes) from task {}: {}",
                    record.topic(), record.key() == null ? 0 : record.key().length,
                    record.value() == null ? 0 : record.value().length, context.taskId(), exception.getMessage());
            return ProductionExceptionHandlerResponse.CONTINUE;
        }
        return ProductionExceptionHandlerResponse.FAIL;
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }
}
