package io.leadscorer.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.leadscorer.model.tokenizer.Encoded;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TokenDropoutTest {
    private static final long MASK = 4;

    private static Encoded lead(int length) {
        long[] ids = new long[length];
        long[] mask = new long[length];
        ids[0] = 2;
        for (int i = 1; i < length - 1; i++) {
            ids[i] = 100 + i;
        }
        ids[length - 1] = 3;
        Arrays.fill(mask, 1);
        return new Encoded(ids, mask);
    }

    @Test
    void hidesTokensAtTheRateButNeverClsOrSep() {
        TokenDropout dropout = new TokenDropout(0.2, MASK);
        Random random = new Random(7);
        long hidden = 0;
        long inner = 0;
        for (int n = 0; n < 2_000; n++) {
            Encoded original = lead(30);
            Encoded dropped = dropout.apply(original, random);
            assertThat(dropped.ids()[0]).isEqualTo(2);
            assertThat(dropped.ids()[29]).isEqualTo(3);
            assertThat(dropped.attentionMask()).isEqualTo(original.attentionMask());
            for (int i = 1; i < 29; i++) {
                assertThat(dropped.ids()[i]).isIn(original.ids()[i], MASK);
                hidden += dropped.ids()[i] == MASK ? 1 : 0;
                inner++;
            }
            assertThat(original).isEqualTo(lead(30));
        }
        assertThat((double) hidden / inner).isCloseTo(0.2, within(0.01));
    }

    @Test
    void theSameRandomHidesTheSameTokens() {
        TokenDropout dropout = new TokenDropout(0.3, MASK);

        assertThat(dropout.apply(lead(20), new Random(11))).isEqualTo(dropout.apply(lead(20), new Random(11)))
                .isNotEqualTo(lead(20));
    }

    @Test
    void offLeavesLeadsUntouched() {
        Encoded original = lead(12);

        assertThat(TokenDropout.off().apply(original, new Random(1))).isSameAs(original);
    }

    @Test
    void rejectsRatesOutsideTheUnitIntervalAndARateWithoutAMaskToken() {
        assertThatThrownBy(() -> new TokenDropout(1.0, MASK)).hasMessageContaining("[0, 1)");
        assertThatThrownBy(() -> new TokenDropout(-0.1, MASK)).hasMessageContaining("[0, 1)");
        assertThatThrownBy(() -> new TokenDropout(0.1, -1)).hasMessageContaining("[MASK] or [UNK]");
    }
}
