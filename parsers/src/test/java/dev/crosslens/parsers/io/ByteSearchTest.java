package dev.crosslens.parsers.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ByteSearchTest {
    private static int naive(byte[] a, int from, int to, byte[] needle) {
        outer:
        for (int i = Math.max(0, from); i + needle.length <= Math.min(to, a.length); i++) {
            for (int j = 0; j < needle.length; j++) {
                if (a[i + j] != needle[j]) continue outer;
            }
            return i;
        }
        return -1;
    }

    @Test
    void agreesWithAByteLoopOnEveryWindowOfRandomAndRepetitiveData() {
        Random rnd = new Random(7);
        for (int round = 0; round < 3000; round++) {
            int size = rnd.nextInt(80);
            byte[] a = new byte[size];
            // a small alphabet makes partial matches, zero bytes and 0xff/0x80/0x01 neighbours common
            byte[] alphabet = {0, 1, (byte) 0x80, (byte) 0xff, 'g', 'o', '1', '.'};
            for (int i = 0; i < size; i++) a[i] = alphabet[rnd.nextInt(alphabet.length)];
            byte[] needle = new byte[1 + rnd.nextInt(4)];
            for (int i = 0; i < needle.length; i++) needle[i] = alphabet[rnd.nextInt(alphabet.length)];
            if (size > needle.length && rnd.nextBoolean()) {
                System.arraycopy(needle, 0, a, rnd.nextInt(size - needle.length + 1), needle.length);
            }
            int from = rnd.nextInt(size + 2) - 1;
            int to = rnd.nextInt(size + 3);
            assertThat(ByteSearch.indexOf(a, from, to, needle))
                    .as("round %d", round).isEqualTo(naive(a, from, to, needle));
        }
    }

    @Test
    void findsANeedleAtTheVeryEndAndNotPastTheWindow() {
        byte[] a = new byte[64];
        byte[] needle = {(byte) 0xff, ' ', 'G', 'o'};
        System.arraycopy(needle, 0, a, 60, 4);
        assertThat(ByteSearch.indexOf(a, 0, 64, needle)).isEqualTo(60);
        assertThat(ByteSearch.indexOf(a, 0, 63, needle)).isEqualTo(-1);
        assertThat(ByteSearch.indexOf(a, 61, 64, needle)).isEqualTo(-1);
    }
}
