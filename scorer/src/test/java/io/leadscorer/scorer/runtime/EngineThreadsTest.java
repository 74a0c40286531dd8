package io.leadscorer.scorer.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EngineThreadsTest {

    @Test
    void aSetCountIsTakenAsIs() {
        assertThat(EngineThreads.intraOp(3, 2, 1)).isEqualTo(3);
    }

    @Test
    void zeroSharesHalfTheCoresAmongTheStreamThreads() {
        assertThat(EngineThreads.intraOp(0, 2, 1)).isEqualTo(1);
        assertThat(EngineThreads.intraOp(0, 16, 1)).isEqualTo(8);
        assertThat(EngineThreads.intraOp(0, 16, 4)).isEqualTo(2);
        assertThat(EngineThreads.intraOp(0, 2, 2)).isEqualTo(1);
        assertThat(EngineThreads.intraOp(0, 1, 1)).isEqualTo(1);
    }
}
