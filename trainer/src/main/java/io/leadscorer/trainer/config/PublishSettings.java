package io.leadscorer.trainer.config;

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
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where `train --publish`, `deploy`, `rollback` and `status` reach the scorers: Kafka bootstrap servers, the Schema
 * Registry URL (a {@code mock://} URL selects the in-memory registry), the control and status topics, the scorer
 * deployment addressed (its application id, the key of its commands), the model store rollbacks look in, who is
 * asking, the rollout policy every command carries, and any further client or serde properties (TLS, SASL, registry
 * basic auth). The secrets among them come
 * from environment variables (application.yml maps KAFKA_SASL_JAAS_CONFIG, SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO, ...
 * onto them) or a {@code --config} file; blank values are dropped, so unset variables are harmless.
 */
@ConfigurationProperties("trainer.publish")
public record PublishSettings(
        @Nullable String bootstrap,
        @Nullable String registryUrl,
        @NotBlank String controlTopic,
        @NotBlank String statusTopic,
        @NotBlank String target,
        @NotBlank String store,
        @NotBlank String requestedBy,
        @NotNull Duration timeout,
        @NotNull @Valid Rollout rollout,
        @Nullable @MapFormat(transformation = MapFormat.MapTransformation.FLAT, keyFormat = StringConvention.RAW)
        Map<String, String> properties) {

    /**
     * How the monitor is to judge the shadows and guards the commands start (RolloutPolicy in the control topic's
     * schema); the monitor applies the same defaults to commands without a policy.
     */
    @ConfigurationProperties("rollout")
    public record Rollout(
            @NotNull RolloutMetric metric,
            @Positive long minLabelled,
            @PositiveOrZero long minPositives,
            @PositiveOrZero double margin,
            @DecimalMin(value = "0", inclusive = false) @DecimalMax(value = "1", inclusive = false) double confidence,
            @NotNull Duration maxShadow,
            @NotNull Duration guard,
            @Positive double psiAlarm,
            @DecimalMin(value = "0", inclusive = false) @DecimalMax(value = "1", inclusive = false) double errorRateAlarm) {

        public Rollout {
            if (maxShadow != null && (maxShadow.isNegative() || maxShadow.isZero())) {
                throw new IllegalArgumentException("trainer.publish.rollout.max-shadow must be positive, not " + maxShadow);
            }
            if (guard != null && guard.isNegative()) {
                throw new IllegalArgumentException("trainer.publish.rollout.guard must not be negative, not " + guard);
            }
        }

        public RolloutPolicy policy() {
            return RolloutPolicy.newBuilder()
                    .setMetric(metric)
                    .setMinLabelled(minLabelled)
                    .setMinPositives(minPositives)
                    .setMargin(margin)
                    .setConfidence(confidence)
                    .setMaxShadowMs(maxShadow.toMillis())
                    .setGuardMs(guard.toMillis())
                    .setPsiAlarm(psiAlarm)
                    .setErrorRateAlarm(errorRateAlarm)
                    .build();
        }
    }

    public Map<String, String> extraProperties() {
        if (properties == null) {
            return Map.of();
        }
        Map<String, String> given = new LinkedHashMap<>();
        properties.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                given.put(name, value);
            }
        });
        return given;
    }
}
