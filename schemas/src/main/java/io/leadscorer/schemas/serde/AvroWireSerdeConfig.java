package io.leadscorer.schemas.serde;

/**
 * Serde settings beyond the registry connection ({@link io.leadscorer.schemas.registry.SchemaRegistryConfig}),
 * under Confluent's names so the same configuration also drives Confluent's {@code SpecificAvroSerde}.
 */
public final class AvroWireSerdeConfig {

    /** Register the writer schema on first use (default true); when false, its id is looked up instead. */
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    /** Class name of the generated record a key deserializer built by Kafka (no-arg) reads into. */
    public static final String SPECIFIC_AVRO_KEY_TYPE = "specific.avro.key.type";
    /** Class name of the generated record a value deserializer built by Kafka (no-arg) reads into. */
    public static final String SPECIFIC_AVRO_VALUE_TYPE = "specific.avro.value.type";

    private AvroWireSerdeConfig() {
    }
}
