package io.leadscorer.trainer.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.convert.format.MapFormat;
import io.micronaut.core.naming.conventions.StringConvention;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

import java.util.Map;

/**
 * Where `train --publish`, `deploy`, `rollback` and `status` reach the scorers: Kafka bootstrap servers, the Schema
 * Registry URL (a {@code mock://} URL selects the in-memory registry), the control and status topics, the scorer
 * deployment addressed (its application id, the key of its commands), the model store rollbacks look in, who is
 * asking, and any further client or serde properties (TLS, SASL, registry basic auth).
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
        @Nullable @MapFormat(transformation = MapFormat.MapTransformation.FLAT, keyFormat = StringConvention.RAW)
        Map<String, String> properties) {

    public Map<String, String> extraProperties() {
        return properties == null ? Map.of() : properties;
    }
}
