package io.leadscorer.scorer.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.leadscorer.avro.MqlEvent;
import io.leadscorer.avro.Reason;
import io.leadscorer.avro.ScoredLead;
import ai.djl.Device;
import io.leadscorer.model.bundle.Bundle;
import io.leadscorer.model.effects.EffectKeys;
import io.leadscorer.model.effects.ValueEffects;
import io.leadscorer.model.text.TextSpec;
import io.leadscorer.model.predict.LeadPredictor;
import io.leadscorer.model.predict.LeadScore;
import io.leadscorer.model.testing.TinyBundles;
import io.leadscorer.embedded.HttpSchemaRegistryServer;
import io.leadscorer.scorer.batch.BufferControl;
import io.leadscorer.scorer.dlq.DeadLetters;
import io.leadscorer.scorer.metrics.ScorerMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.leadscorer.scorer.predict.ActiveGeneration;
import io.leadscorer.scorer.testing.Generations;
import io.leadscorer.scorer.predict.PredictorLeadScorer;
import io.leadscorer.scorer.predict.ReasonSettings;
import io.leadscorer.scorer.testing.FakeLeadScorer;
import io.leadscorer.scorer.testing.Leads;
import io.leadscorer.scorer.testing.TestSettings;
import io.leadscorer.scorer.testing.TopologyHarness;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scorer topology in a TopologyTestDriver with a fake scorer: batching, order, dead letters, outputs. */
class ScorerTopologyTest {
    private static final EffectKeys KEYS = new EffectKeys(TextSpec.defaults());

    private static final Instant EVENT_TIME = Instant.parse("2026-03-02T08:59:00Z");

    @TempDir
    Path stateDir;

    private TopologyHarness harness(int batchSize, Duration maxWait, FakeLeadScorer scorer) {
        return new TopologyHarness(TestSettings.withStateDir(stateDir).batch(batchSize, maxWait).maxValueBytes(2048).build(),
                () -> scorer);
    }

    @Test
    void scoresEqualTheModelPredictorsScoresForTheSameLeads(@TempDir Path models) {
        Bundle bundle = TinyBundles.create(models);
        ActiveGeneration active = Generations.serving(bundle);
        List<MqlEvent> leads = Leads.leads("real", 12, EVENT_TIME);
        float[] expected;
        try (LeadPredictor predictor = LeadPredictor.open(bundle, Device.cpu())) {
            expected = predictor.predictTexts(leads.stream().map(predictor::leadText).toList());
        }
        TestSettings settings = TestSettings.withStateDir(stateDir).batch(5, Duration.ofMillis(100));
        try (TopologyHarness harness = new TopologyHarness(settings.build(),
                () -> new PredictorLeadScorer(active))) {
            leads.forEach(harness::send);
            harness.advanceWallClock(Duration.ofMillis(100));

            List<ScoredLead> scored = harness.scores.readValuesToList();
            assertThat(scored).extracting(ScoredLead::getLeadId)
                    .containsExactlyElementsOf(leads.stream().map(MqlEvent::getLeadId).toList());
            for (int i = 0; i < leads.size(); i++) {
                ScoredLead lead = scored.get(i);
                assertThat(lead.getProbability()).as(lead.getLeadId()).isCloseTo(expected[i], within(1e-5));
                assertThat(lead.getModelId()).isEqualTo(bundle.modelId());
                assertThat(lead.getThreshold()).isEqualTo(bundle.manifest().threshold());
                assertThat(lead.getLabel()).isEqualTo(lead.getProbability() >= bundle.manifest().threshold());
            }
            assertThat(scored.stream().map(ScoredLead::getProbability).distinct().count())
                    .as("different leads get different scores").isGreaterThan(1);
            assertThat(harness.registry.get("leadscorer.batch.size").summary().count()).isEqualTo(3);
        }
    }

    @Test
    void scoresCarryTheBundlesTierPercentileAndReasons(@TempDir Path models) {
        ValueEffects effects = new ValueEffects(Map.of(
                "business_unit", new ValueEffects.Column(1, Map.of(KEYS.key("ID"), 0.5, KEYS.key("IT"), -0.25)),
                "enterprise", new ValueEffects.Column(1, Map.of(KEYS.key("Enterprise"), 0.75))));
        Bundle bundle = TinyBundles.create(models, 5, effects);
        ActiveGeneration active = Generations.serving(bundle);
        List<MqlEvent> leads = Leads.leads("explained", 6, EVENT_TIME);
        List<LeadScore> expected;
        try (LeadPredictor predictor = LeadPredictor.open(bundle, Device.cpu())) {
            expected = predictor.scoreLeads(predictor.tokenize(leads), 1);
        }
        try (TopologyHarness harness = new TopologyHarness(TestSettings.withStateDir(stateDir).batch(6, Duration.ofHours(1))
                .build(), () -> new PredictorLeadScorer(active, new ReasonSettings(1)))) {
            leads.forEach(harness::send);

            List<ScoredLead> scored = harness.scores.readValuesToList();
            assertThat(scored).hasSize(6);
            for (int i = 0; i < scored.size(); i++) {
                ScoredLead lead = scored.get(i);
                LeadScore want = expected.get(i);
                assertThat(lead.getTier()).as(lead.getLeadId()).isEqualTo(want.tier()).isNotNull();
                assertThat(lead.getPercentile()).isEqualTo(want.percentile()).isBetween(0.0, 100.0);
                assertThat(lead.getReasons()).extracting(Reason::getColumn, Reason::getValue, Reason::getContribution)
                        .containsExactlyElementsOf(want.reasons().stream()
                                .map(r -> tuple(r.column(), r.value(), r.contribution())).toList());
            }
            assertThat(scored).flatExtracting(ScoredLead::getReasons).extracting(Reason::getColumn)
                    .contains("business_unit", "enterprise");
        }
    }

    @Test
    void scoresEachBatchWithTheBundleThatIsActiveWhenTheBatchIsScored(@TempDir Path models) {
        Bundle first = TinyBundles.create(models, 1);
        Bundle second = TinyBundles.create(models, 2);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ScorerMetrics metrics = new ScorerMetrics(registry);
        ActiveGeneration active = new ActiveGeneration();
        active.onActivated(generation -> metrics.modelActivated(generation.bundle().manifest()));
        active.switchTo(Generations.of(first, 1));
        assertThat(registry.get("leadscorer.model.active").tag("model_id", first.modelId()).gauge().value()).isEqualTo(1);
        try (TopologyHarness harness = new TopologyHarness(TestSettings.withStateDir(stateDir).batch(2, Duration.ofHours(1))
                .build(), () -> new PredictorLeadScorer(active))) {
            harness.send(Leads.lead("a-0", 0, EVENT_TIME));
            harness.send(Leads.lead("a-1", 1, EVENT_TIME));
            harness.send(Leads.lead("b-0", 2, EVENT_TIME));
            active.switchTo(Generations.of(second, 2));
            harness.send(Leads.lead("b-1", 3, EVENT_TIME));

            assertThat(harness.scores.readValuesToList()).extracting(ScoredLead::getLeadId, ScoredLead::getModelId)
                    .containsExactly(tuple("a-0", first.modelId()), tuple("a-1", first.modelId()),
                            tuple("b-0", second.modelId()), tuple("b-1", second.modelId()));
        }
        assertThat(registry.find("leadscorer.model.active").gauges()).singleElement()
                .satisfies(gauge -> assertThat(gauge.getId().getTag("model_id")).isEqualTo(second.modelId()));
    }

    @Test
    void scoresABatchOnceItIsFullInOneCall() {
        FakeLeadScorer scorer = new FakeLeadScorer();
        try (TopologyHarness harness = harness(4, Duration.ofHours(1), scorer)) {
            List<MqlEvent> leads = Leads.leads("size", 4, EVENT_TIME);
            leads.subList(0, 3).forEach(harness::send);
            assertThat(harness.scores.isEmpty()).isTrue();
            assertThat(scorer.calls()).isEmpty();

            harness.send(leads.get(3));

            assertThat(harness.scores.readKeyValuesToList()).extracting(kv -> kv.key)
                    .containsExactly("size-0", "size-1", "size-2", "size-3");
            assertThat(scorer.calls()).containsExactly(List.of("size-0", "size-1", "size-2", "size-3"));
            assertThat(harness.registry.get("leadscorer.batch.size").summary().count()).isEqualTo(1);
            assertThat(harness.registry.get("leadscorer.batch.size").summary().totalAmount()).isEqualTo(4);
        }
    }

    @Test
    void scoresAPartialBatchOnceItsOldestLeadHasWaitedTheMaximumWait() {
        FakeLeadScorer scorer = new FakeLeadScorer();
        try (TopologyHarness harness = harness(100, Duration.ofMillis(200), scorer)) {
            harness.send(Leads.lead("time-0", 0, EVENT_TIME));
            harness.advanceWallClock(Duration.ofMillis(100));
            harness.send(Leads.lead("time-1", 1, EVENT_TIME));
            harness.send(Leads.lead("time-2", 2, EVENT_TIME));
            harness.advanceWallClock(Duration.ofMillis(50));
            assertThat(harness.scores.isEmpty()).isTrue();

            harness.advanceWallClock(Duration.ofMillis(50));

            assertThat(harness.scores.readKeyValuesToList()).extracting(kv -> kv.key)
                    .containsExactly("time-0", "time-1", "time-2");
            assertThat(scorer.calls()).hasSize(1);

            harness.send(Leads.lead("time-3", 3, EVENT_TIME));
            harness.advanceWallClock(Duration.ofMillis(150));
            assertThat(harness.scores.isEmpty()).isTrue();
            harness.advanceWallClock(Duration.ofMillis(50));
            assertThat(harness.scores.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("time-3");
        }
    }

    @Test
    void aScoresSchemaTheRegistryRefusesHoldsEveryLeadUntilTheRegistryAcceptsIt() {
        try (HttpSchemaRegistryServer registry = HttpSchemaRegistryServer.start()) {
            registry.registry().register("mql.scores-value", MqlEvent.getClassSchema()); // an earlier, other schema
            registry.refuseNewVersions("mql.scores-value", true);
            FakeLeadScorer scorer = new FakeLeadScorer();
            try (TopologyHarness harness = new TopologyHarness(TestSettings.withStateDir(stateDir).registry(registry.url())
                    .batch(2, Duration.ofMillis(50)).build(), () -> scorer)) {
                for (int i = 0; i < 4; i++) {
                    harness.send(Leads.lead("held-" + i, i, EVENT_TIME));
                }
                for (int tick = 0; tick < 50; tick++) {
                    harness.advanceWallClock(Duration.ofMillis(100));
                }
                assertThat(harness.scores.isEmpty()).isTrue();
                assertThat(harness.deadLetters.isEmpty()).as("the leads are not at fault").isTrue();
                assertThat(harness.buffers.buffered()).isEqualTo(4);
                assertThat(harness.buffers.holds().values()).singleElement().satisfies(hold -> {
                    assertThat(hold.cause()).isEqualTo(BufferControl.HoldCause.OUTPUT_SCHEMA_REJECTED);
                    assertThat(hold.message()).contains("mql.scores-value").contains("incompatible with an earlier schema");
                });

                registry.refuseNewVersions("mql.scores-value", false); // the operator fixed the subject
                for (int tick = 0; tick < 30; tick++) {
                    harness.advanceWallClock(Duration.ofMillis(100));
                }
                assertThat(harness.scores.readKeyValuesToList()).extracting(kv -> kv.key)
                        .containsExactly("held-0", "held-1", "held-2", "held-3");
                assertThat(harness.buffers.holds()).isEmpty();
            }
        }
    }

    @Test
    void keepsInputOrderAcrossBatches() {
        FakeLeadScorer scorer = new FakeLeadScorer();
        try (TopologyHarness harness = harness(8, Duration.ofMillis(100), scorer)) {
            List<MqlEvent> leads = Leads.leads("order", 45, EVENT_TIME);
            for (int i = 0; i < leads.size(); i++) {
                harness.send(leads.get(i));
                if (i % 10 == 9) {
                    harness.advanceWallClock(Duration.ofMillis(100));
                }
            }
            harness.advanceWallClock(Duration.ofMillis(100));

            assertThat(harness.scores.readKeyValuesToList()).extracting(kv -> kv.key)
                    .containsExactlyElementsOf(leads.stream().map(MqlEvent::getLeadId).toList());
            assertThat(scorer.calls()).allSatisfy(call -> assertThat(call).hasSizeBetween(1, 8));
            assertThat(scorer.calls().stream().flatMap(List::stream).toList())
                    .containsExactlyElementsOf(leads.stream().map(MqlEvent::getLeadId).toList());
        }
    }

    @Test
    void writesTheScoreWithModelIdThresholdLabelAndTimes() {
        FakeLeadScorer scorer = new FakeLeadScorer();
        try (TopologyHarness harness = harness(2, Duration.ofHours(1), scorer)) {
            harness.send(Leads.lead("out-1", 1, EVENT_TIME));
            harness.send(Leads.lead("out-2", 2, EVENT_TIME.plusSeconds(5)));

            List<TestRecord<String, ScoredLead>> records = harness.scores.readRecordsToList();
            assertThat(records).hasSize(2);
            for (TestRecord<String, ScoredLead> record : records) {
                ScoredLead lead = record.value();
                float expected = FakeLeadScorer.probabilityOf(record.key());
                assertThat(lead.getLeadId()).isEqualTo(record.key());
                assertThat(lead.getProbability()).isEqualTo(expected);
                assertThat(lead.getThreshold()).isEqualTo(FakeLeadScorer.THRESHOLD);
                assertThat(lead.getLabel()).isEqualTo(expected >= FakeLeadScorer.THRESHOLD);
                assertThat(lead.getModelId()).isEqualTo(FakeLeadScorer.MODEL_ID);
                assertThat(lead.getScoredTime()).isEqualTo(TopologyHarness.SCORED_AT);
            }
            assertThat(records.get(0).value().getEventTime()).isEqualTo(EVENT_TIME);
            assertThat(records.get(1).value().getEventTime()).isEqualTo(EVENT_TIME.plusSeconds(5));
            assertThat(records.get(0).timestamp()).isEqualTo(TopologyHarness.START.toEpochMilli());
            assertThat(harness.counter("leadscorer.records.scored")).isEqualTo(2);
            assertThat(harness.registry.get("leadscorer.latency.end.to.end").timer().max(java.util.concurrent.TimeUnit.SECONDS))
                    .isCloseTo(31 * 60, within(0.001));
        }
    }

    @Test
    void deadLettersEachKindOfBadRecordWithItsOriginalBytesAndHeaders() {
        FakeLeadScorer scorer = new FakeLeadScorer(Set.of("poison"), Set.of("nan"));
        try (TopologyHarness harness = harness(3, Duration.ofHours(1), scorer)) {
            byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);
            byte[] unknownSchema = {0, 0, 0, 0x27, 0x0f, 2, 0x61};
            byte[] emptyLeadId = harness.serialize(Leads.lead("", 1, EVENT_TIME));
            byte[] blankLeadId = harness.serialize(Leads.lead("  ", 1, EVENT_TIME));
            byte[] tooLarge = harness.serialize(MqlEvent.newBuilder(Leads.lead("large", 1, EVENT_TIME))
                    .setCustomerJob("x".repeat(3000)).build());
            Headers traced = new RecordHeaders().add("trace-id", "t-42".getBytes(StandardCharsets.UTF_8));

            harness.sendRaw("garbage".getBytes(StandardCharsets.UTF_8), garbage, traced);   // offset 0
            harness.sendRaw("unknown".getBytes(StandardCharsets.UTF_8), unknownSchema);       // 1
            harness.sendRaw("null".getBytes(StandardCharsets.UTF_8), null);                  // 2
            harness.sendRaw(null, emptyLeadId);                                             // 3
            harness.sendRaw("blank".getBytes(StandardCharsets.UTF_8), blankLeadId);          // 4
            harness.sendRaw("large".getBytes(StandardCharsets.UTF_8), tooLarge);             // 5
            harness.send(Leads.lead("good-1", 1, EVENT_TIME));                              // 6
            harness.send(Leads.lead("poison", 2, EVENT_TIME));                              // 7
            harness.send(Leads.lead("nan", 3, EVENT_TIME));                                 // 8

            List<TestRecord<byte[], byte[]>> letters = harness.deadLetters.readRecordsToList();
            assertThat(letters).hasSize(8);
            assertLetter(letters.get(0), "garbage", garbage, 0, "undecodable",
                    "org.apache.kafka.common.errors.SerializationException", "magic byte");
            assertThat(header(letters.get(0).headers(), "trace-id")).isEqualTo("t-42");
            assertLetter(letters.get(1), "unknown", unknownSchema, 1, "unknown_schema",
                    "org.apache.kafka.common.errors.SerializationException", "Unknown schema id 9999");
            assertLetter(letters.get(2), "null", null, 2, "undecodable",
                    "io.leadscorer.scorer.dlq.RejectedLeadException", "no value");
            assertLetter(letters.get(3), null, emptyLeadId, 3, "missing_lead_id",
                    "io.leadscorer.scorer.dlq.RejectedLeadException", "empty lead id");
            assertLetter(letters.get(4), "blank", blankLeadId, 4, "missing_lead_id",
                    "io.leadscorer.scorer.dlq.RejectedLeadException", "empty lead id");
            assertLetter(letters.get(5), "large", tooLarge, 5, "value_too_large",
                    "io.leadscorer.scorer.dlq.RejectedLeadException", "more than the limit of 2048");
            assertLetter(letters.get(6), "poison", harness.serialize(Leads.lead("poison", 2, EVENT_TIME)), 7,
                    "unscorable", "java.lang.IllegalArgumentException", "cannot score poison");
            assertLetter(letters.get(7), "nan", harness.serialize(Leads.lead("nan", 3, EVENT_TIME)), 8,
                    "unscorable", "io.leadscorer.scorer.dlq.RejectedLeadException", "returned NaN");
            assertThat(letters).extracting(letter -> header(letter.headers(), DeadLetters.MODEL_ID))
                    .as("the model that failed names the leads it failed on, and no other dead letter")
                    .containsExactly(null, null, null, null, null, null, FakeLeadScorer.MODEL_ID,
                            FakeLeadScorer.MODEL_ID);

            assertThat(harness.scores.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("good-1");
            assertThat(harness.counter("leadscorer.records.in")).isEqualTo(9);
            assertThat(harness.counter("leadscorer.records.dead.lettered", "reason", "undecodable")).isEqualTo(2);
            assertThat(harness.counter("leadscorer.records.dead.lettered", "reason", "unknown_schema")).isEqualTo(1);
            assertThat(harness.counter("leadscorer.records.dead.lettered", "reason", "missing_lead_id")).isEqualTo(2);
            assertThat(harness.counter("leadscorer.records.dead.lettered", "reason", "value_too_large")).isEqualTo(1);
            assertThat(harness.counter("leadscorer.records.dead.lettered", "reason", "unscorable")).isEqualTo(2);
        }
    }

    private static void assertLetter(TestRecord<byte[], byte[]> letter, String key, byte[] value, long offset,
                                     String reason, String errorClass, String messagePart) {
        assertThat(letter.key()).isEqualTo(key == null ? null : key.getBytes(StandardCharsets.UTF_8));
        assertThat(letter.value()).isEqualTo(value);
        Headers headers = letter.headers();
        assertThat(header(headers, DeadLetters.ERROR_REASON)).isEqualTo(reason);
        assertThat(header(headers, DeadLetters.ERROR_CLASS)).isEqualTo(errorClass);
        assertThat(header(headers, DeadLetters.ERROR_MESSAGE)).contains(messagePart);
        assertThat(header(headers, DeadLetters.SOURCE_TOPIC)).isEqualTo("mql.events");
        assertThat(header(headers, DeadLetters.SOURCE_PARTITION)).isEqualTo("0");
        assertThat(header(headers, DeadLetters.SOURCE_OFFSET)).isEqualTo(Long.toString(offset));
        long timestamp = TopologyHarness.START.toEpochMilli() + offset;
        assertThat(header(headers, DeadLetters.SOURCE_TIMESTAMP)).isEqualTo(Long.toString(timestamp));
        assertThat(letter.timestamp()).isEqualTo(timestamp);
    }

    private static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Test
    void everyInputEndsInExactlyOneOutput() {
        FakeLeadScorer scorer = new FakeLeadScorer(Set.of("mixed-13"), Set.of("mixed-21"));
        try (TopologyHarness harness = harness(5, Duration.ofMillis(40), scorer)) {
            List<MqlEvent> leads = Leads.leads("mixed", 30, EVENT_TIME);
            for (int i = 0; i < leads.size(); i++) {
                if (i % 7 == 3) {
                    harness.sendRaw(TopologyHarness.key("bad-" + i), new byte[] {1, 2, 3});
                }
                harness.send(leads.get(i));
            }
            harness.advanceWallClock(Duration.ofMillis(40));

            List<String> scored = harness.scores.readKeyValuesToList().stream().map(kv -> kv.key).toList();
            List<String> dead = harness.deadLetters.readKeyValuesToList().stream()
                    .map(kv -> new String(kv.key, StandardCharsets.UTF_8)).toList();
            assertThat(scored).hasSize(28).doesNotHaveDuplicates().doesNotContain("mixed-13", "mixed-21");
            assertThat(dead).containsExactlyInAnyOrder("bad-3", "bad-10", "bad-17", "bad-24", "mixed-13", "mixed-21");
            assertThat(harness.counter("leadscorer.records.in")).isEqualTo(34);
        }
    }

    @Test
    void scoresEveryBufferedLeadAtTheNextTickOnceDrainingForShutdown() {
        FakeLeadScorer scorer = new FakeLeadScorer();
        try (TopologyHarness harness = harness(10, Duration.ofHours(1), scorer)) {
            Leads.leads("drain", 3, EVENT_TIME).forEach(harness::send);
            assertThat(harness.buffers.buffered()).isEqualTo(3);
            harness.advanceWallClock(Duration.ofMinutes(10));
            assertThat(harness.scores.isEmpty()).isTrue();

            harness.buffers.drain();
            harness.advanceWallClock(Duration.ofMinutes(15));

            assertThat(harness.scores.readKeyValuesToList()).extracting(kv -> kv.key)
                    .containsExactly("drain-0", "drain-1", "drain-2");
            assertThat(harness.buffers.buffered()).isZero();
            harness.send(Leads.lead("drain-3", 3, EVENT_TIME));
            assertThat(harness.scores.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("drain-3");
        }
    }

    @Test
    void keepsBufferedLeadsInTheChangelogWhenTheTaskCloses() {
        FakeLeadScorer scorer = new FakeLeadScorer();
        TopologyHarness harness = harness(10, Duration.ofHours(1), scorer);
        TestOutputTopic<Long, byte[]> changelog = harness.driver.createOutputTopic(
                "scorer-test-" + ScorerTopology.BUFFER_STORE + "-changelog", new LongDeserializer(), new ByteArrayDeserializer());
        Leads.leads("close", 5, EVENT_TIME).forEach(harness::send);
        harness.advanceWallClock(Duration.ofMinutes(61));
        Leads.leads("kept", 3, EVENT_TIME).forEach(harness::send);

        harness.close();

        assertThat(harness.scores.readKeyValuesToList()).extracting(kv -> kv.key)
                .containsExactly("close-0", "close-1", "close-2", "close-3", "close-4");
        Map<Long, byte[]> logged = changelog.readKeyValuesToMap();
        assertThat(logged).containsOnlyKeys(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(logged).allSatisfy((sequence, value) -> {
            if (sequence < 5) {
                assertThat(value).as("scored lead %d", sequence).isNull();
            } else {
                assertThat(value).as("buffered lead %d", sequence).isNotNull();
            }
        });
        assertThat(harness.buffers.buffered()).isZero();
    }

    @Test
    void keepsOnlyTheUnscoredLeadsInTheStoreUnderTheirSequenceNumbers() {
        FakeLeadScorer scorer = new FakeLeadScorer();
        try (TopologyHarness harness = harness(4, Duration.ofHours(1), scorer)) {
            List<MqlEvent> leads = Leads.leads("seq", 6, EVENT_TIME);
            leads.forEach(harness::send);
            var store = harness.driver.<Long, io.leadscorer.scorer.batch.BufferedLead>getKeyValueStore(ScorerTopology.BUFFER_STORE);
            List<Long> keys = IntStream.range(0, 10).mapToObj(Long::valueOf).filter(k -> store.get(k) != null).toList();
            assertThat(keys).containsExactly(4L, 5L);
            assertThat(Arrays.asList(store.get(4L).source().key(), store.get(5L).source().key()))
                    .extracting(bytes -> new String(bytes, StandardCharsets.UTF_8)).containsExactly("seq-4", "seq-5");
            assertThat(harness.scores.readKeyValuesToList().stream().map(kv -> kv.key).collect(Collectors.toList()))
                    .containsExactly("seq-0", "seq-1", "seq-2", "seq-3");
        }
    }
}
