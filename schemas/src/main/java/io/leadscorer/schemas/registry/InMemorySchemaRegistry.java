package io.leadscorer.schemas.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * A Schema Registry held in memory, for tests and the single-machine sandbox: what Confluent serves
 * behind {@code mock://<scope>} URLs. One registry per scope per JVM, so a producer and a consumer
 * configured with the same URL share ids. Ids are assigned incrementally from 1, and the same schema
 * always gets the same id, whatever the subject. No compatibility checks are made on registration.
 */
public final class InMemorySchemaRegistry implements SchemaRegistryClient {

    private static final Map<String, InMemorySchemaRegistry> SCOPES = new ConcurrentHashMap<>();

    private final Map<Schema, Integer> idsBySchema = new HashMap<>();
    private final List<Schema> schemasById = new ArrayList<>();
    private final Map<String, List<Schema>> versionsBySubject = new HashMap<>();

    /** A fresh registry that belongs to no scope. */
    public InMemorySchemaRegistry() {
    }

    /** The registry of a scope (created on first use); the scope is what follows {@code mock://}. */
    public static InMemorySchemaRegistry forScope(String scope) {
        return SCOPES.computeIfAbsent(scope, s -> new InMemorySchemaRegistry());
    }

    /** Forgets a scope, so its next use starts empty. */
    public static void dropScope(String scope) {
        SCOPES.remove(scope);
    }

    @Override
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

    @Override
    public synchronized int idOf(String subject, Schema schema) {
        List<Schema> versions = versionsBySubject.get(subject);
        if (versions == null) {
            throw new SchemaRegistryException("Subject '" + subject + "' not found.", 404,
                    SchemaRegistryException.SUBJECT_NOT_FOUND);
        }
        if (!versions.contains(schema)) {
            throw new SchemaRegistryException("Schema not found under subject '" + subject + "'.", 404,
                    SchemaRegistryException.SCHEMA_NOT_FOUND);
        }
        return idsBySchema.get(schema);
    }

    @Override
    public synchronized Schema byId(int id) {
        if (id < 1 || id > schemasById.size()) {
            throw new SchemaRegistryException("Schema " + id + " not found", 404,
                    SchemaRegistryException.SCHEMA_NOT_FOUND);
        }
        return schemasById.get(id - 1);
    }

    /** The schemas registered under a subject, oldest first (empty when the subject is unknown). */
    public synchronized List<Schema> versions(String subject) {
        return List.copyOf(versionsBySubject.getOrDefault(subject, List.of()));
    }
}
