package io.leadscorer.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadscorer.avro.ModelAction;
import io.leadscorer.avro.ModelCommand;
import io.leadscorer.avro.ModelState;
import io.leadscorer.avro.ModelStatus;
import io.leadscorer.avro.RolloutEvidence;
import io.leadscorer.avro.RolloutMetric;
import io.leadscorer.avro.RolloutPolicy;
import io.leadscorer.avro.ServingRole;
import io.leadscorer.avro.ShadowModel;
import io.leadscorer.avro.ShadowRole;
import io.leadscorer.schemas.registry.InMemorySchemaRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import org.apache.avro.AvroTypeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

/**
 * ModelCommand gained shadows, policies, pins and evidence, and ModelStatus roles and evidence. A scorer or tool on
 * the previous schemas still reads every DEPLOY and ROLLBACK written now and every status, and cannot resolve the new
 * actions (so it skips those records, as it skips any control record it cannot decode); the current readers read the
 * records written before, with the new fields at their defaults.
 */
class ModelCommandEvolutionTest {

    /** ModelCommand before shadows. */
    static final Schema PREVIOUS_COMMAND = new Schema.Parser().parse("""
            {"type": "record", "name": "ModelCommand", "namespace": "io.leadscorer.avro", "fields": [
              {"name": "action", "type": {"type": "enum", "name": "ModelAction", "symbols": ["DEPLOY", "ROLLBACK"]}},
              {"name": "model_id", "type": "string"},
              {"name": "bundle_uri", "type": "string"},
              {"name": "manifest_sha256", "type": "string"},
              {"name": "sequence", "type": "long", "default": 0},
              {"name": "requested_time", "type": {"type": "long", "logicalType": "timestamp-millis"}},
              {"name": "requested_by", "type": ["null", "string"], "default": null}]}""");

    /** ModelStatus before roles. */
    static final Schema PREVIOUS_STATUS = new Schema.Parser().parse("""
            {"type": "record", "name": "ModelStatus", "namespace": "io.leadscorer.avro", "fields": [
              {"name": "instance", "type": "string"},
              {"name": "model_id", "type": "string"},
              {"name": "state", "type": {"type": "enum", "name": "ModelState", "symbols": ["LOADING", "ACTIVE", "REJECTED"]}},
              {"name": "reason", "type": ["null", "string"], "default": null},
              {"name": "time", "type": {"type": "long", "logicalType": "timestamp-millis"}}]}""");

    /** RolloutPolicy before the scoring error alarm. */
    static final Schema PREVIOUS_POLICY = new Schema.Parser().parse("""
            {"type": "record", "name": "RolloutPolicy", "namespace": "io.leadscorer.avro", "fields": [
              {"name": "metric", "type": {"type": "enum", "name": "RolloutMetric", "symbols": ["LOG_LOSS", "AUC"]}},
              {"name": "min_labelled", "type": "long"},
              {"name": "min_positives", "type": "long"},
              {"name": "margin", "type": "double"},
              {"name": "confidence", "type": "double"},
              {"name": "max_shadow_ms", "type": "long"},
              {"name": "guard_ms", "type": "long"},
              {"name": "psi_alarm", "type": "double"}]}""");

    private static final Instant TIME = Instant.parse("2026-12-07T06:00:00Z");

    @Test
    void aReaderOnThePreviousSchemaReadsANewDeployWithItsShadowAndPolicy() throws IOException {
        ModelCommand deploy = command(ModelAction.DEPLOY);

        GenericRecord read = readAs(PREVIOUS_COMMAND, deploy, ModelCommand.getClassSchema());

        assertThat(read.get("action").toString()).isEqualTo("DEPLOY");
        assertThat(read.get("model_id").toString()).isEqualTo("m-2");
        assertThat(read.get("manifest_sha256").toString()).isEqualTo("ab".repeat(32));
        assertThat(read.get("sequence")).isEqualTo(42L);
        assertThat(read.getSchema().getField("shadow")).isNull();
    }

    @Test
    void aReaderOnThePreviousSchemaCannotResolveTheNewActionsAndSoSkipsThem() {
        for (ModelAction action : new ModelAction[] {ModelAction.SHADOW, ModelAction.PROMOTE, ModelAction.END_SHADOW}) {
            assertThatThrownBy(() -> readAs(PREVIOUS_COMMAND, command(action), ModelCommand.getClassSchema()))
                    .as(action.name()).isInstanceOf(AvroTypeException.class).hasMessageContaining(action.name());
        }
    }

    @Test
    void theCurrentReaderReadsCommandsWrittenBeforeShadowsWithTheDefaults() throws IOException {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        GenericRecord old = new GenericData.Record(PREVIOUS_COMMAND);
        old.put("action", new GenericData.EnumSymbol(PREVIOUS_COMMAND.getField("action").schema(), "ROLLBACK"));
        old.put("model_id", "m-1");
        old.put("bundle_uri", "file:///models/m-1");
        old.put("manifest_sha256", "cd".repeat(32));
        old.put("sequence", 7L);
        old.put("requested_time", TIME.toEpochMilli());

        ModelCommand read = new AvroWireDeserializer<>(ModelCommand.class, registry)
                .deserialize("lead-scorer.control", wire(registry, "lead-scorer.control-value", PREVIOUS_COMMAND, old));

        assertThat(read.getAction()).isEqualTo(ModelAction.ROLLBACK);
        assertThat(read.getModelId()).isEqualTo("m-1");
        assertThat(read.getShadow()).isNull();
        assertThat(read.getPolicy()).isNull();
        assertThat(read.getPinned()).isFalse();
        assertThat(read.getEvidence()).isNull();
    }

    @Test
    void statusesEvolveBothWays() throws IOException {
        ModelStatus status = ModelStatus.newBuilder().setInstance("scorer-0").setModelId("m-3")
                .setState(ModelState.ACTIVE).setTime(TIME).setRole(ServingRole.SHADOW).setSequence(43L)
                .setEvidence(evidence()).build();
        GenericRecord previous = readAs(PREVIOUS_STATUS, status, ModelStatus.getClassSchema());
        assertThat(previous.get("state").toString()).isEqualTo("ACTIVE");
        assertThat(previous.get("model_id").toString()).isEqualTo("m-3");

        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        GenericRecord old = new GenericData.Record(PREVIOUS_STATUS);
        old.put("instance", "scorer-1");
        old.put("model_id", "m-1");
        old.put("state", new GenericData.EnumSymbol(PREVIOUS_STATUS.getField("state").schema(), "ACTIVE"));
        old.put("time", TIME.toEpochMilli());
        ModelStatus read = new AvroWireDeserializer<>(ModelStatus.class, registry)
                .deserialize("lead-scorer.status", wire(registry, "lead-scorer.status-value", PREVIOUS_STATUS, old));
        assertThat(read.getRole()).isNull();
        assertThat(read.getSequence()).isZero();
        assertThat(read.getEvidence()).isNull();
    }

    @Test
    void aPolicyWrittenBeforeTheScoringErrorAlarmReadsWithItsDefaultAndThePreviousReaderSkipsTheNewField()
            throws IOException {
        GenericRecord old = new GenericData.Record(PREVIOUS_POLICY);
        old.put("metric", new GenericData.EnumSymbol(PREVIOUS_POLICY.getField("metric").schema(), "AUC"));
        old.put("min_labelled", 500L);
        old.put("min_positives", 50L);
        old.put("margin", 0.002);
        old.put("confidence", 0.95);
        old.put("max_shadow_ms", 86_400_000L);
        old.put("guard_ms", 3_600_000L);
        old.put("psi_alarm", 0.25);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(PREVIOUS_POLICY).write(old, encoder);
        encoder.flush();

        GenericRecord read = new GenericDatumReader<GenericRecord>(PREVIOUS_POLICY, RolloutPolicy.getClassSchema())
                .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
        assertThat(read.get("psi_alarm")).isEqualTo(0.25);
        assertThat(read.get("error_rate_alarm")).isEqualTo(0.02);
        assertThat(RolloutPolicy.newBuilder().setMetric(RolloutMetric.LOG_LOSS).setMinLabelled(1).setMinPositives(1)
                .setMargin(0).setConfidence(0.95).setMaxShadowMs(1).setGuardMs(1).setPsiAlarm(0.25).build()
                .getErrorRateAlarm()).as("a policy built without it").isEqualTo(0.02);

        GenericRecord previous = readAs(PREVIOUS_POLICY, command(ModelAction.DEPLOY).getPolicy(),
                RolloutPolicy.getClassSchema());
        assertThat(previous.get("psi_alarm")).isEqualTo(0.25);
        assertThat(previous.getSchema().getField("error_rate_alarm")).isNull();
        for (Schema[] readerWriter : new Schema[][] {{RolloutPolicy.getClassSchema(), PREVIOUS_POLICY},
                {PREVIOUS_POLICY, RolloutPolicy.getClassSchema()}}) {
            assertThat(SchemaCompatibility.checkReaderWriterCompatibility(readerWriter[0], readerWriter[1]).getType())
                    .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        }
    }

    @Test
    void theScoringErrorEvidenceIsReadByTheCurrentReaderAndLeftOutByThePreviousOnes() throws IOException {
        RolloutEvidence errors = RolloutEvidence.newBuilder(evidence()).setScored(980L).setFailed(40L)
                .setErrorRate(40 / 1020.0).setReason("new model fails to score").build();
        ModelCommand rollback = ModelCommand.newBuilder(command(ModelAction.ROLLBACK)).setShadow(null)
                .setEvidence(errors).build();

        GenericRecord previous = readAs(PREVIOUS_COMMAND, rollback, ModelCommand.getClassSchema());
        assertThat(previous.get("action").toString()).isEqualTo("ROLLBACK");

        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        byte[] wire = new AvroWireSerializer<ModelCommand>(registry).serialize("lead-scorer.control",
                rollback);
        ModelCommand read = new AvroWireDeserializer<>(ModelCommand.class, registry)
                .deserialize("lead-scorer.control", wire);
        assertThat(read.getEvidence().getFailed()).isEqualTo(40L);
        assertThat(read.getEvidence().getScored()).isEqualTo(980L);
        assertThat(read.getEvidence().getErrorRate()).isEqualTo(40 / 1020.0);
        assertThat(evidence().getFailed()).as("evidence of another kind").isNull();
    }

    /**
     * The registry's default BACKWARD check accepts both new versions (the current reader, the previous writer);
     * FORWARD holds for statuses but not for commands: the new actions are symbols the previous reader lacks.
     */
    @Test
    void theRegistryAcceptsTheNewVersionsUnderBackwardCompatibility() {
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(ModelCommand.getClassSchema(), PREVIOUS_COMMAND)
                .getType()).isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(ModelStatus.getClassSchema(), PREVIOUS_STATUS)
                .getType()).isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(PREVIOUS_STATUS, ModelStatus.getClassSchema())
                .getType()).isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(PREVIOUS_COMMAND, ModelCommand.getClassSchema())
                .getType()).isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
    }

    private static ModelCommand command(ModelAction action) {
        return ModelCommand.newBuilder().setAction(action).setModelId("m-2").setBundleUri("file:///models/m-2")
                .setManifestSha256("ab".repeat(32)).setSequence(42L).setRequestedTime(TIME).setRequestedBy("monitor")
                .setShadow(ShadowModel.newBuilder().setModelId("m-1").setBundleUri("file:///models/m-1")
                        .setManifestSha256("cd".repeat(32)).setRole(ShadowRole.PREVIOUS)
                        .setUntil(TIME.plusSeconds(3600)).build())
                .setPolicy(RolloutPolicy.newBuilder().setMetric(RolloutMetric.LOG_LOSS).setMinLabelled(500)
                        .setMinPositives(50).setMargin(0.002).setConfidence(0.95).setMaxShadowMs(86_400_000L)
                        .setGuardMs(3_600_000L).setPsiAlarm(0.25).build())
                .setEvidence(evidence())
                .build();
    }

    private static RolloutEvidence evidence() {
        return RolloutEvidence.newBuilder().setMetric(RolloutMetric.LOG_LOSS).setLiveModel("m-1")
                .setChallengerModel("m-2").setLabelled(1200).setPositives(180).setLiveValue(0.41)
                .setChallengerValue(0.38).setImprovement(0.03).setLower(0.021).setUpper(0.039).setConfidence(0.95)
                .setMargin(0.002).setReason("candidate better").build();
    }

    /** Writes {@code record} with its current schema and reads it back as a reader holding {@code reader}. */
    private static GenericRecord readAs(Schema reader, Object record, Schema writer) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        new SpecificDatumWriter<>(writer).write(record, encoder);
        encoder.flush();
        return new GenericDatumReader<GenericRecord>(writer, reader)
                .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    }

    private static byte[] wire(InMemorySchemaRegistry registry, String subject, Schema schema, GenericRecord record)
            throws IOException {
        int id = registry.register(subject, schema);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(WireFormat.header(id));
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
