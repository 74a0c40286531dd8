package io.leadscorer.trainer.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.convert.format.MapFormat;
import io.micronaut.core.naming.conventions.StringConvention;
import jakarta.validation.constraints.NotBlank;

import java.util.Map;

/**
 * Where `train --publish` sends the DEPLOY command: Kafka bootstrap servers, the Schema Registry URL (a
 * {@code mock://} URL selects the in-memory registry), the control topic, who is asking, and any further
 * producer or serializer properties (TLS, SASL, registry basic auth).
 */
@ConfigurationProperties("trainer.publish")
public record PublishSettings(
        @Nullable String bootstrap,
        @Nullable String registryUrl,
        @NotBlank String controlTopic,
        @NotBlank String requestedBy,
        @Nullable @MapFormat(transformation = MapFormat.MapTransformation.FLAT, keyFormat = StringConvention.RAW)
        Map<String, String> properties) {

    public Map<String, String> extraProperties() {
        return properties == null ? Map.of() : properties;
    }
}
