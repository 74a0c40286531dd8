package io.leadscorer.sandbox.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencyWindowTest {

    @Test
    void nearestRankPercentilesOverAllAndOverTheRecentInterval() {
        LatencyWindow window = new LatencyWindow();
        for (long ms = 100; ms >= 1; ms--) {
            window.add(ms);
        }
        assertThat(window.percentile(50)).isEqualTo(50);
        assertThat(window.percentile(99)).isEqualTo(99);
        assertThat(window.recentPercentiles(50, 99)).containsExactly(50, 99);
        window.add(1000);
        window.add(2000);
        assertThat(window.recentPercentiles(50)).containsExactly(1000);
        assertThat(window.recentPercentiles(50)[0]).isNaN();
        assertThat(window.percentile(100)).isEqualTo(2000);
    }
}
