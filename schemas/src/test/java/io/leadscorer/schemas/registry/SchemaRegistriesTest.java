package io.leadscorer.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class SchemaRegistriesTest {

    @Test
    void mockUrlGivesTheScopesInMemoryRegistry() {
        SchemaRegistryClient client = SchemaRegistries.fromConfig(Map.of("schema.registry.url", "mock://registries-test"));
        assertThat(client).isSameAs(InMemorySchemaRegistry.forScope("registries-test"));
        InMemorySchemaRegistry.dropScope("registries-test");
    }

    @Test
    void httpUrlGivesHttpClient() {
        SchemaRegistryClient client = SchemaRegistries.fromConfig(Map.of("schema.registry.url", "http://registry:8081"));
        assertThat(client).isInstanceOf(HttpSchemaRegistryClient.class)
                .hasToString("HttpSchemaRegistryClient[http://registry:8081]");
    }

    @Test
    void missingOrMixedUrlIsAConfigError() {
        assertThatThrownBy(() -> SchemaRegistries.fromConfig(Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("schema.registry.url");
        assertThatThrownBy(() -> SchemaRegistries.fromConfig(Map.of("schema.registry.url", "mock://a,http://b:8081")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cannot be part of a list");
    }
}
