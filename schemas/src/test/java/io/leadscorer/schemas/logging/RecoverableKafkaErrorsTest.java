package io.leadscorer.schemas.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.TaskMigratedException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RecoverableKafkaErrorsTest {

    private static final String TASK_EXECUTOR = "org.apache.kafka.streams.processor.internals.TaskExecutor";
    private static final String RECORD_COLLECTOR = "org.apache.kafka.streams.processor.internals.RecordCollectorImpl";
    private static final String SENDER = "org.apache.kafka.clients.producer.internals.Sender";
    private static final String PROCESSOR_STATE_MANAGER =
            "org.apache.kafka.streams.processor.internals.ProcessorStateManager";
    private static final String TASK_MANAGER = "org.apache.kafka.streams.processor.internals.TaskManager";

    private final LoggerContext context = new LoggerContext();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    @BeforeEach
    void logThroughTheFilter() {
        RecoverableKafkaErrors filter = new RecoverableKafkaErrors();
        filter.start();
        context.addTurboFilter(filter);
        appender.setContext(context);
        appender.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
    }

    @Test
    void aCommitTimedOutWhileTheBrokerWasGoneIsOneWarnLineSayingWhatHappensNext() {
        context.getLogger(TASK_EXECUTOR).error("stream-thread [monitor-StreamThread-1] Committing task(s) 0_2 failed.",
                new TimeoutException("Timeout expired after 60000ms while awaiting AddOffsetsToTxn"));

        ILoggingEvent event = single();
        assertThat(event.getLevel()).isEqualTo(Level.WARN);
        assertThat(event.getFormattedMessage())
                .contains("Committing task(s) 0_2 failed.")
                .contains("TimeoutException: Timeout expired after 60000ms while awaiting AddOffsetsToTxn")
                .contains("Recoverable: Kafka Streams closes the task(s) and resumes them from their last commit");
        assertThat(event.getThrowableProxy()).isNull();
    }

    @Test
    void aSendThatFindsTheProducerFencedIsAWarnLine() {
        context.getLogger(RECORD_COLLECTOR).error("Error encountered sending record to topic lead-scorer.quality for"
                + " task 1_0 due to: ... the producer is fenced", new ProducerFencedException("epoch bumped"));

        assertThat(single().getLevel()).isEqualTo(Level.WARN);
    }

    @Test
    void theFencedProducersAbortedBatchesAreAWarnLineWithTheExceptionAmongTheArguments() {
        context.getLogger(SENDER).error("[Producer clientId={}] Aborting producer batches due to fatal error", "monitor-1",
                new StreamsException(new ProducerFencedException("epoch bumped")));

        ILoggingEvent event = single();
        assertThat(event.getLevel()).isEqualTo(Level.WARN);
        assertThat(event.getFormattedMessage()).contains("[Producer clientId=monitor-1] Aborting producer batches")
                .contains("replaces the fenced producer");
    }

    @Test
    void aStoresCacheThatCannotBeFlushedForAFencedProducerIsAWarnLineFromEitherLogger() {
        StreamsException fenced = new TaskMigratedException("producer got fenced while flushing",
                new ProducerFencedException("epoch bumped"));
        context.getLogger(PROCESSOR_STATE_MANAGER).error("stream-thread [monitor-StreamThread-1] stream-task [0_0] "
                + "Failed to flush cache of store {}: ", "leads", fenced);
        context.getLogger(TASK_MANAGER).error("stream-thread [monitor-StreamThread-1] Error flushing caches of dirty "
                + "task {}", "0_0", fenced);

        assertThat(appender.list).hasSize(2).allSatisfy(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getFormattedMessage()).contains("Recoverable: Kafka Streams closes the task(s)");
        });
        assertThat(appender.list.get(0).getFormattedMessage()).contains("Failed to flush cache of store leads");
    }

    @Test
    void aStoreFlushFailingForAnotherReasonStaysAnError() {
        context.getLogger(PROCESSOR_STATE_MANAGER).error("Failed to flush cache of store {}: ", "leads",
                new StreamsException("disk full"));

        assertThat(single().getLevel()).isEqualTo(Level.ERROR);
    }

    @Test
    void aFailureThatNeedsSomeoneStaysAnError() {
        context.getLogger(RECORD_COLLECTOR).error("Error encountered sending record to topic lead-scorer.quality",
                new TopicAuthorizationException("not allowed"));

        ILoggingEvent event = single();
        assertThat(event.getLevel()).isEqualTo(Level.ERROR);
        assertThat(event.getThrowableProxy()).isNotNull();
    }

    @Test
    void aTimeoutReportedByAnotherLoggerStaysAnError() {
        context.getLogger("org.apache.kafka.streams.processor.internals.StreamThread")
                .error("Failed to close consumer due to the following error:", new TimeoutException("close"));

        assertThat(single().getLevel()).isEqualTo(Level.ERROR);
    }

    private ILoggingEvent single() {
        List<ILoggingEvent> events = appender.list;
        assertThat(events).hasSize(1);
        return events.get(0);
    }
}
