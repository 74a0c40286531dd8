package io.leadscorer.schemas.serde;

import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.utils.Utils;

/** The generated record class a deserializer reads into, with its reader schema and data model. */
record RecordType<T extends SpecificRecord>(Class<T> type, Schema schema, SpecificData model) {

    static <T extends SpecificRecord> RecordType<T> of(Class<T> type) {
        SpecificData model = SpecificData.getForClass(type);
        return new RecordType<>(type, model.getSchema(type), model);
    }

    /** The class named by {@code specific.avro.key.type} or {@code specific.avro.value.type}. */
    @SuppressWarnings("unchecked")
    static <T extends SpecificRecord> RecordType<T> fromConfig(Map<String, ?> configs, boolean isKey) {
        String key = isKey ? AvroWireSerdeConfig.SPECIFIC_AVRO_KEY_TYPE : AvroWireSerdeConfig.SPECIFIC_AVRO_VALUE_TYPE;
        Object setting = configs.get(key);
        if (setting == null || setting.toString().isBlank()) {
            throw new ConfigException("Missing " + key + ": the generated Avro class to deserialize into");
        }
        Class<?> type;
        try {
            type = setting instanceof Class<?> c ? c : Class.forName(setting.toString().trim(), true, Utils.getContextOrKafkaClassLoader());
        } catch (ClassNotFoundException e) {
            throw new ConfigException(key, setting, "class not found");
        }
        if (!SpecificRecord.class.isAssignableFrom(type)) {
            throw new ConfigException(key, setting, "not a generated Avro class (SpecificRecord)");
        }
        return of((Class<T>) type);
    }

    String name() {
        return schema.getFullName();
    }
}
