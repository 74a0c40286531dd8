package io.leadscorer.schemas.registry;

import org.apache.avro.Schema;

/**
 * The three Schema Registry operations the Confluent wire format needs: register a writer schema under a
 * subject, look up the id of an already registered schema, and fetch a schema by id. Implementations
 * cache answers, since a schema id never changes meaning.
 */
public interface SchemaRegistryClient {

    /** Registers {@code schema} under {@code subject} (idempotent) and returns its id. */
    int register(String subject, Schema schema);

    /** Returns the id of {@code schema} registered under {@code subject}; fails when it is not registered. */
    int idOf(String subject, Schema schema);

    /** Returns the schema with the given id; fails when there is none. */
    Schema byId(int id);
}
