package io.leadscorer.embedded;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * The schemas behind {@link HttpSchemaRegistryServer}: ids assigned from 1, the same schema always the same id
 * whatever the subject (as Confluent's registry does), versions per subject from 1 in registration order. Failures
 * carry the Confluent status and error code the server answers with. No compatibility checks are made.
 */
public final class SchemaStore {

    /** Confluent error codes the store answers with. */
    static final int SUBJECT_NOT_FOUND = 40401;
    static final int VERSION_NOT_FOUND = 40402;
    static final int SCHEMA_NOT_FOUND = 40403;

    /** One version of a subject, as the REST API describes it. */
    public record Version(String subject, int version, int id, Schema schema) {
    }

    private final Map<Schema, Integer> idsBySchema = new HashMap<>();
    private final List<Schema> schemasById = new ArrayList<>();
    private final Map<String, List<Schema>> versionsBySubject = new LinkedHashMap<>();

    /** Registers the schema under the subject (a no-op when it is there already) and returns its id. */
    public synchronized int register(String subject, Schema schema) {
        Integer id = idsBySchema.get(schema);
        if (id == null) {
            schemasById.add(schema);
            id = schemasById.size();
            idsBySchema.put(schema, id);
        }
        List<Schema> versions = versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
        if (!versions.contains(schema)) {
            versions.add(schema);
        }
        return id;
    }

    /** The version of the subject that holds this schema. */
    public synchronized Version lookup(String subject, Schema schema) {
        List<Schema> versions = subjectVersions(subject);
        int index = versions.indexOf(schema);
        if (index < 0) {
            throw new Failure(404, SCHEMA_NOT_FOUND, "Schema not found");
        }
        return new Version(subject, index + 1, idsBySchema.get(schema), schema);
    }

    public synchronized Schema byId(int id) {
        if (id < 1 || id > schemasById.size()) {
            throw new Failure(404, SCHEMA_NOT_FOUND, "Schema " + id + " not found");
        }
        return schemasById.get(id - 1);
    }

    /** Version {@code version} (from 1) of the subject; -1 for the latest. */
    public synchronized Version version(String subject, int version) {
        List<Schema> versions = subjectVersions(subject);
        int number = version == -1 ? versions.size() : version;
        if (number < 1 || number > versions.size()) {
            throw new Failure(404, VERSION_NOT_FOUND, "Version " + version + " not found.");
        }
        Schema schema = versions.get(number - 1);
        return new Version(subject, number, idsBySchema.get(schema), schema);
    }

    /** The schemas registered under a subject, oldest first (empty when the subject is unknown). */
    public synchronized List<Schema> versions(String subject) {
        return List.copyOf(versionsBySubject.getOrDefault(subject, List.of()));
    }

    /** Every subject, in the order of its first registration. */
    public synchronized List<String> subjects() {
        return List.copyOf(versionsBySubject.keySet());
    }

    private List<Schema> subjectVersions(String subject) {
        List<Schema> versions = versionsBySubject.get(subject);
        if (versions == null) {
            throw new Failure(404, SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
        }
        return versions;
    }

    /** A request the store cannot serve: the HTTP status and Confluent error code to answer with. */
    static final class Failure extends RuntimeException {
        private final int status;
        private final int errorCode;

        Failure(int status, int errorCode, String message) {
            super(message);
            this.status = status;
            this.errorCode = errorCode;
        }

        int status() {
            return status;
        }

        int errorCode() {
            return errorCode;
        }
    }
}
