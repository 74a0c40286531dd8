package io.leadscorer.scorer.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LeadBufferTest {

    private KeyValueStore<Long, BufferedLead> store;

    @BeforeEach
    void openStore() {
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("buffer"), Serdes.Long(), new BufferedLeadSerde())
                .withLoggingDisabled().withCachingDisabled().build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
    }

    private static BufferedLead lead(String id, long bufferedAt) {
        return new BufferedLead(new SourceRecord(id.getBytes(StandardCharsets.UTF_8), new byte[] {1}, List.of(),
                "mql.events", 0, 0, 0), bufferedAt);
    }

    private static List<String> ids(List<KeyValue<Long, BufferedLead>> batch) {
        return batch.stream().map(kv -> kv.key + ":" + new String(kv.value.source().key(), StandardCharsets.UTF_8)).toList();
    }

    @Test
    void handsOutTheOldestLeadsInInputOrderAndForgetsRemovedOnes() {
        LeadBuffer buffer = LeadBuffer.restore(store);
        for (int i = 0; i < 5; i++) {
            buffer.append(lead("l" + i, 1000 + i * 10));
        }

        List<KeyValue<Long, BufferedLead>> first = buffer.take(3);
        assertThat(ids(first)).containsExactly("0:l0", "1:l1", "2:l2");
        buffer.remove(first);

        assertThat(buffer.size()).isEqualTo(2);
        assertThat(buffer.oldestUntakenHasWaited(1039, 10)).isFalse();
        assertThat(buffer.oldestUntakenHasWaited(1040, 10)).isTrue();
        assertThat(ids(buffer.take(10))).containsExactly("3:l3", "4:l4");
        assertThat(store.get(0L)).isNull();
    }

    @Test
    void takenLeadsStayBufferedButTheNextBatchStartsAfterThem() {
        LeadBuffer buffer = LeadBuffer.restore(store);
        for (int i = 0; i < 5; i++) {
            buffer.append(lead("l" + i, 1000 + i * 10));
        }
        List<KeyValue<Long, BufferedLead>> first = buffer.take(2);
        assertThat(ids(first)).containsExactly("0:l0", "1:l1");
        assertThat(buffer.size()).isEqualTo(5);
        assertThat(buffer.untaken()).isEqualTo(3);
        assertThat(buffer.oldestUntakenHasWaited(1029, 10)).isFalse();
        assertThat(buffer.oldestUntakenHasWaited(1030, 10)).isTrue();

        List<KeyValue<Long, BufferedLead>> second = buffer.take(2);
        assertThat(ids(second)).containsExactly("2:l2", "3:l3");
        buffer.remove(first);
        assertThat(buffer.size()).isEqualTo(3);
        assertThat(buffer.untaken()).isEqualTo(1);
        assertThat(store.get(1L)).isNull();
        assertThat(store.get(2L)).isNotNull();

        buffer.putBack(3L); // l3 goes back: the next batch starts with it
        assertThat(buffer.untaken()).isEqualTo(2);
        assertThat(buffer.oldestUntakenHasWaited(1039, 10)).isFalse();
        assertThat(buffer.oldestUntakenHasWaited(1040, 10)).isTrue();
        assertThat(ids(buffer.take(10))).containsExactly("3:l3", "4:l4");
        assertThat(buffer.untaken()).isZero();

        buffer.append(lead("l5", 2000));
        assertThat(buffer.oldestUntakenHasWaited(2010, 10)).isTrue();
        buffer.putBack();
        assertThat(buffer.untaken()).isEqualTo(4);
        assertThat(ids(buffer.take(10))).containsExactly("2:l2", "3:l3", "4:l4", "5:l5");
        assertThat(LeadBuffer.restore(store).untaken()).as("taken is not stored").isEqualTo(4);
    }

    @Test
    void restoresSizeOldestAgeAndNextSequenceFromTheStore() {
        LeadBuffer before = LeadBuffer.restore(store);
        for (int i = 0; i < 4; i++) {
            before.append(lead("l" + i, 500 + i));
        }
        before.remove(before.take(1));

        LeadBuffer after = LeadBuffer.restore(store);
        after.append(lead("l4", 900));

        assertThat(after.size()).isEqualTo(4);
        assertThat(after.oldestUntakenHasWaited(510, 10)).isFalse();
        assertThat(after.oldestUntakenHasWaited(511, 10)).isTrue();
        assertThat(ids(after.take(10))).containsExactly("1:l1", "2:l2", "3:l3", "4:l4");
    }

    @Test
    void anEmptyBufferHasNothingWaitingAndStartsAgainAfterBeingEmptied() {
        LeadBuffer buffer = LeadBuffer.restore(store);
        assertThat(buffer.isEmpty()).isTrue();
        assertThat(buffer.oldestUntakenHasWaited(Long.MAX_VALUE, 0)).isFalse();

        buffer.append(lead("a", 1));
        buffer.remove(buffer.take(5));
        buffer.append(lead("b", 2));

        assertThat(buffer.isEmpty()).isFalse();
        assertThat(buffer.oldestUntakenHasWaited(2, 0)).isTrue();
        assertThat(ids(buffer.take(5))).containsExactly("1:b");
    }
}
