package io.leadscorer.scorer.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.convert.format.MapFormat;
import io.micronaut.core.naming.conventions.StringConvention;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;

/**
 * Everything the scorer is configured with, bound from {@code scorer.*} in application.yml (where the defaults and
 * their environment variables are documented). The topology and streams configuration are built from this record
 * alone, so tests construct it directly and exercise the same code as the service.
 */
@ConfigurationProperties("scorer")
public record ScorerSettings(
        @NotBlank String applicationId,
        @Nullable String instanceId,
        @NotNull @Valid Topics topics,
        @NotNull @Valid Kafka kafka,
        @NotNull @Valid Registry registry,
        @NotNull @Valid Batch batch,
        @NotNull @Valid Model model) {

    /**
     * Topic names: the leads in, the scores, the shadow model's scores and dead letters out, the compacted control
     * topic every instance reads whole, and the status topic each instance reports what it did with a control command
     * to.
     */
    @ConfigurationProperties("topics")
    public record Topics(@NotBlank String input, @NotBlank String output, @NotBlank String shadowScores,
                         @NotBlank String deadLetter, @NotBlank String control, @NotBlank String status) {
    }

    /** This instance's id in status records and logs: the configured one, else the host name. */
    public String effectiveInstanceId() {
        if (instanceId != null && !instanceId.isBlank()) {
            return instanceId;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return applicationId + "-" + ProcessHandle.current().pid();
        }
    }

    /**
     * Broker connection and Kafka Streams runtime. {@code properties} is passed to every Kafka client verbatim
     * (ssl.*, sasl.*, client tuning); blank values are ignored so that unset environment variables drop out.
     */
    @ConfigurationProperties("kafka")
    public record Kafka(
            @NotBlank String bootstrapServers,
            @NotBlank String securityProtocol,
            @NotBlank @Pattern(regexp = "exactly_once_v2|at_least_once") String processingGuarantee,
            @Positive int numStreamThreads,
            @NotNull Duration commitInterval,
            @NotBlank String stateDir,
            @Nullable @MapFormat(transformation = MapFormat.MapTransformation.FLAT, keyFormat = StringConvention.RAW)
            Map<String, String> properties) {

        public Kafka {
            properties = properties == null ? Map.of() : Map.copyOf(properties);
        }
    }

    /**
     * Schema Registry for the Avro serde: URL (or {@code mock://scope}), basic-auth {@code user:password}, and
     * further serde settings passed verbatim (schema.registry.ssl.*, auto.register.schemas).
     */
    @ConfigurationProperties("registry")
    public record Registry(
            @NotBlank String url,
            @Nullable String basicAuthUserInfo,
            @Nullable @MapFormat(transformation = MapFormat.MapTransformation.FLAT, keyFormat = StringConvention.RAW)
            Map<String, String> properties) {

        public Registry {
            properties = properties == null ? Map.of() : Map.copyOf(properties);
        }
    }

    /**
     * Micro-batching: a buffer is scored when it holds {@code size} leads or its oldest lead has waited
     * {@code maxWait}; input values longer than {@code maxValueBytes} are dead-lettered unread.
     */
    @ConfigurationProperties("batch")
    public record Batch(@Positive int size, @NotNull Duration maxWait, @Positive int maxValueBytes) {
    }

    /**
     * The model store (the directory every deployed bundle must be a direct child of), the bundle served when the
     * control topic holds no command for this deployment, where to run it ({@code auto|cpu|gpu|gpu:N}), and PyTorch's
     * intra-op threads (per forward pass; 0 for the cores divided among the stream threads, halved to leave the other
     * half to the stream threads themselves) and inter-op threads, applied once at start-up.
     */
    @ConfigurationProperties("model")
    public record Model(@NotBlank String store, @NotBlank String initialBundle, @NotBlank String device,
                        @PositiveOrZero int intraOpThreads, @Positive int interOpThreads) {
    }
}
