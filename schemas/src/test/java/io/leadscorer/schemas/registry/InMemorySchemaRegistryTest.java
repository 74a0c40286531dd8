package io.leadscorer.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadscorer.avro.ModelStatus;
import io.leadscorer.avro.ScoredLead;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class InMemorySchemaRegistryTest {

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

    @Test
    void assignsIdsIncrementallyAndTheSameIdToTheSameSchema() {
        assertThat(registry.register("mql.scores-value", ScoredLead.getClassSchema())).isEqualTo(1);
        assertThat(registry.register("lead-scorer.status-value", ModelStatus.getClassSchema())).isEqualTo(2);
        assertThat(registry.register("mql.scores-value", ScoredLead.getClassSchema())).isEqualTo(1);
        assertThat(registry.register("copy-of-scores-value", ScoredLead.getClassSchema())).isEqualTo(1);
        Schema reparsed = new Schema.Parser().parse(ScoredLead.getClassSchema().toString());
        assertThat(registry.register("mql.scores-value", reparsed)).isEqualTo(1);
        assertThat(registry.versions("mql.scores-value")).containsExactly(ScoredLead.getClassSchema());
    }

    @Test
    void looksUpAndFetchesRegisteredSchemas() {
        int id = registry.register("mql.scores-value", ScoredLead.getClassSchema());
        assertThat(registry.idOf("mql.scores-value", ScoredLead.getClassSchema())).isEqualTo(id);
        assertThat(registry.byId(id)).isEqualTo(ScoredLead.getClassSchema());
    }

    @Test
    void unknownSubjectSchemaOrIdIsNotFound() {
        registry.register("mql.scores-value", ScoredLead.getClassSchema());
        assertThatThrownBy(() -> registry.idOf("nope-value", ScoredLead.getClassSchema()))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(40401);
                    assertThat(e.isNotFound()).isTrue();
                    assertThat(e.isUnavailable()).isFalse();
                });
        assertThatThrownBy(() -> registry.idOf("mql.scores-value", ModelStatus.getClassSchema()))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40403));
        assertThatThrownBy(() -> registry.byId(2))
                .isInstanceOf(SchemaRegistryException.class).hasMessage("Schema 2 not found");
        assertThatThrownBy(() -> registry.byId(0)).isInstanceOf(SchemaRegistryException.class);
    }

    @Test
    void scopesAreSharedByNameAndIndependentOfEachOther() {
        InMemorySchemaRegistry a = InMemorySchemaRegistry.forScope("registry-test-a");
        InMemorySchemaRegistry b = InMemorySchemaRegistry.forScope("registry-test-b");
        assertThat(InMemorySchemaRegistry.forScope("registry-test-a")).isSameAs(a);
        a.register("s", ModelStatus.getClassSchema());
        assertThat(b.register("s", ScoredLead.getClassSchema())).isEqualTo(1);
        InMemorySchemaRegistry.dropScope("registry-test-a");
        assertThat(InMemorySchemaRegistry.forScope("registry-test-a")).isNotSameAs(a);
        InMemorySchemaRegistry.dropScope("registry-test-a");
        InMemorySchemaRegistry.dropScope("registry-test-b");
    }
}
