package dev.crosslens.parsers.io;

import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BinaryReaderTest {

    @Test
    void readsBothEndiansAndWidensUnsigned() throws Exception {
        byte[] b = {(byte) 0xfe, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1, 2, 3, 4, 5, 6, 7, (byte) 0x80};
        BinaryReader le = BinaryReader.of(b);
        assertThat(le.u16(0)).isEqualTo(0xfffe);
        assertThat(le.u32(0)).isEqualTo(0xfffffffeL);
        assertThat(le.s32(0)).isEqualTo(-2);
        assertThat(le.u64(4)).isEqualTo(0x8007060504030201L);
        BinaryReader be = le.withOrder(ByteOrder.BIG_ENDIAN);
        assertThat(be.u32(4)).isEqualTo(0x01020304L);
        assertThat(Long.compareUnsigned(be.u64(4), 0)).isPositive();
    }

    @Test
    void everyReadIsBoundsCheckedAndNamesTheAbsoluteOffset() throws Exception {
        BinaryReader r = BinaryReader.of(new byte[64]).slice(16, 32);
        assertThat(r.extent(4, 8).offset()).isEqualTo(20);
        assertThatThrownBy(() -> r.u32(30)).isInstanceOf(MalformedBinaryException.class)
                .satisfies(e -> assertThat(((MalformedBinaryException) e).offset()).isEqualTo(46));
        assertThatThrownBy(() -> r.bytes(-1, 2)).isInstanceOf(MalformedBinaryException.class);
        assertThatThrownBy(() -> r.check(8, Long.MAX_VALUE, "huge")).isInstanceOf(MalformedBinaryException.class);
        assertThatThrownBy(() -> r.checkTable(0, Long.MAX_VALUE / 2, 24, Long.MAX_VALUE, "table"))
                .isInstanceOf(MalformedBinaryException.class);
        assertThatThrownBy(() -> r.checkTable(0, 1000, 1, 999, "capped")).hasMessageContaining("limit of 999");
    }

    @Test
    void indexOfFindsNeedlesAcrossChunkBoundariesLikeANaiveSearch() {
        Random rnd = new Random(7);
        byte[] data = new byte[(1 << 18) * 3 + 1234];
        for (int i = 0; i < data.length; i++) data[i] = (byte) rnd.nextInt(4);
        byte[] needle = {9, 8, 7, 6, 5};
        int[] places = {0, (1 << 18) - 2, (1 << 18) * 2 - 4, data.length - needle.length};
        for (int p : places) System.arraycopy(needle, 0, data, p, needle.length);
        BinaryReader r = BinaryReader.of(data);
        long from = 0;
        for (int p : places) {
            long at = r.indexOf(needle, from, data.length);
            assertThat(at).isEqualTo(p);
            from = at + 1;
        }
        assertThat(r.indexOf(needle, from, data.length)).isEqualTo(-1);
        assertThat(r.indexOf(needle, 1, data.length - 1)).isEqualTo((1 << 18) - 2);
        assertThat(r.indexOf(needle, 0, 4)).isEqualTo(-1);
    }
}
