package io.leadscorer.schemas.serde;

import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;

/**
 * What a writer schema id means for one reader class: a resolving reader when Avro can resolve the
 * writer's schema against the reader's, or the reason it cannot. Cached per id by the deserializer, so
 * the compatibility check runs once per writer schema.
 */
record WriterResolution<T extends SpecificRecord>(SpecificDatumReader<T> reader, String incompatibility) {

    static <T extends SpecificRecord> WriterResolution<T> of(int schemaId, Schema writer, RecordType<T> type) {
        SchemaPairCompatibility compatibility = SchemaCompatibility.checkReaderWriterCompatibility(type.schema(), writer);
        if (compatibility.getType() != SchemaCompatibilityType.COMPATIBLE) {
            String problems = compatibility.getResult().getIncompatibilities().stream()
                    .map(i -> i.getType() + " at " + i.getLocation() + ": " + i.getMessage())
                    .collect(Collectors.joining("; "));
            return new WriterResolution<>(null, "Writer schema id " + schemaId + " (" + writer.getFullName()
                    + ") cannot be resolved against reader schema " + type.name() + ": " + problems);
        }
        return new WriterResolution<>(new SpecificDatumReader<>(writer, type.schema(), type.model()), null);
    }

    static <T extends SpecificRecord> WriterResolution<T> unusable(String reason) {
        return new WriterResolution<>(null, reason);
    }

    SpecificDatumReader<T> readerOrThrow() {
        if (reader == null) {
            throw new SerializationException(incompatibility);
        }
        return reader;
    }
}
