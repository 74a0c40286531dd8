package io.leadscorer.monitor.config;

import io.leadscorer.avro.RolloutMetric;
import io.leadscorer.avro.RolloutPolicy;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.convert.format.MapFormat;
import io.micronaut.core.naming.conventions.StringConvention;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import java.util.Map;

/**
 * Everything the monitor is configured with, bound from {@code monitor.*} in its application.yml (where the defaults
 * and their environment variables are documented). The topology and the streams configuration are built from this
 * record alone, so tests construct it directly and exercise the same code as the service.
 */
@ConfigurationProperties("monitor")
public record MonitorSettings(
        @NotBlank String applicationId,
        @NotNull @Valid Topics topics,
        @NotNull @Valid Kafka kafka,
        @NotNull @Valid Registry registry,
        @NotNull @Valid Labels labels,
        @NotNull @Valid Quality quality,
        @NotNull @Valid Drift drift,
        @NotNull @Valid Rollout rollout,
        @NotBlank String modelStore) {

    /**
     * The live and shadow scores and the outcomes joined (keyed by lead id, with as many partitions as each other), the
     * leads whose inputs are profiled for drift, the quality records written, where undecodable outcomes go, the
     * control topic whose commands the rollout follows and to which it writes its decisions, and the scorer's dead
     * letters, whose model failures count against a guarded model.
     */
    @ConfigurationProperties("topics")
    public record Topics(@NotBlank String scores, @NotBlank String shadowScores, @NotBlank String outcomes,
                         @NotBlank String events, @NotBlank String quality, @NotBlank String deadLetter,
                         @NotBlank String control, @NotBlank String scorerDeadLetter) {
    }

    /** Broker connection and Kafka Streams runtime; {@code properties} go to every client verbatim (ssl.*, sasl.*). */
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

    /** Schema Registry for the Avro serdes: URL (or {@code mock://scope}), basic auth, further serde settings. */
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
     * How outcomes become labels: an outcome counts when it happened within {@code horizon} after the lead's event
     * time; a lead is kept {@code grace} longer for outcomes that arrive late; with {@code implicitNegatives} a lead
     * with no outcome when its horizon passes is a negative (a CRM that reports wins only).
     */
    @ConfigurationProperties("labels")
    public record Labels(@NotNull Duration horizon, @NotNull Duration grace, boolean implicitNegatives) {
    }

    /**
     * Per model, tumbling windows of {@code window} (by label time; kept for {@code retention}) beside the
     * cumulative figures; a changed figure is written at most every {@code reportInterval}.
     */
    @ConfigurationProperties("quality")
    public record Quality(@NotNull Duration window, @NotNull Duration retention, @NotNull Duration reportInterval) {
    }

    /**
     * Input drift: one lead in {@code sampleEvery} (chosen by its id, so a replay picks the same leads) is profiled
     * against the training distribution of every model that scored within {@code activeFor}; PSI above {@code warn}
     * and {@code alarm} marks a column.
     */
    @ConfigurationProperties("drift")
    public record Drift(@NotNull Duration activeFor, @Positive int sampleEvery, double warn, double alarm) {
    }

    /**
     * The rollouts of one {@code deployment} (the scorers' application id, the key of their control commands): every
     * {@code evaluateInterval} the shadow or guard is judged; the other settings are the policy of commands that
     * carry none.
     */
    @ConfigurationProperties("rollout")
    public record Rollout(
            @NotBlank String deployment,
            @NotNull Duration evaluateInterval,
            @NotNull RolloutMetric metric,
            @PositiveOrZero long minLabelled,
            @PositiveOrZero long minPositives,
            @PositiveOrZero double margin,
            @DecimalMin(value = "0", inclusive = false) @DecimalMax(value = "1", inclusive = false) double confidence,
            @NotNull Duration maxShadow,
            @NotNull Duration guard,
            @Positive double psiAlarm,
            @DecimalMin(value = "0", inclusive = false) @DecimalMax(value = "1", inclusive = false) double errorRateAlarm) {

        public RolloutPolicy defaultPolicy() {
            return RolloutPolicy.newBuilder().setMetric(metric).setMinLabelled(minLabelled)
                    .setMinPositives(minPositives).setMargin(margin).setConfidence(confidence)
                    .setMaxShadowMs(maxShadow.toMillis()).setGuardMs(guard.toMillis()).setPsiAlarm(psiAlarm)
                    .setErrorRateAlarm(errorRateAlarm).build();
        }
    }
}
