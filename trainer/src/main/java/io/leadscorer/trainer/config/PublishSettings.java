package io.leadscorer.trainer.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.convert.format.MapFormat;
import io.micronaut.core.naming.conventions.StringConvention;
import jakarta.validation.constraints.NotBlank;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where `train --publish` sends the DEPLOY command: Kafka bootstrap servers, the Schema Registry URL (a
 * {@code mock://} URL selects the in-memory registry), the control topic, who is asking, and any further
 * producer or serializer properties (TLS, SASL, registry basic auth). The secrets among them come from environment
 * variables (application.yml maps KAFKA_SASL_JAAS_CONFIG, SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO, ... onto them) or a
 * {@code --config} file; blank values are dropped, so unset variables are harmless.
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
