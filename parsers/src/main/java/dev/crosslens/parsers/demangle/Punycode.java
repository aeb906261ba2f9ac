package dev.crosslens.parsers.demangle;

/** RFC 3492 punycode decoding, as Rust v0 identifiers use it ({@code _} instead of {@code -} as delimiter). */
final class Punycode {
    private static final int BASE = 36;
    private static final int TMIN = 1;
    private static final int TMAX = 26;
    private static final int SKEW = 38;
    private static final int DAMP = 700;
    private static final int MAX_CODE_POINTS = 4096;

    private Punycode() {
    }

    /** Decodes a Rust v0 punycode identifier; throws IllegalArgumentException when it is not valid. */
    static String decodeRust(String encoded) {
        int delim = encoded.lastIndexOf('_');
        StringBuilder basicPart = new StringBuilder();
        int[] out = new int[Math.min(MAX_CODE_POINTS, encoded.length() + 1)];
        int len = 0;
        if (delim >= 0) {
            for (int j = 0; j < delim; j++) {
                char c = encoded.charAt(j);
                if (c >= 0x80) throw new V0Fail();
                out[len++] = c;
            }
            basicPart.append(encoded, 0, delim);
        }
        long n = 128;
        long i = 0;
        int bias = 72;
        int in = delim >= 0 ? delim + 1 : 0;
        if (in >= encoded.length()) throw new V0Fail();
        while (in < encoded.length()) {
            long oldi = i;
            long w = 1;
            for (int k = BASE; ; k += BASE) {
                if (in >= encoded.length()) throw new V0Fail();
                int digit = digit(encoded.charAt(in++));
                i += digit * w;
                if (i > Integer.MAX_VALUE) throw new V0Fail();
                int t = k <= bias ? TMIN : k >= bias + TMAX ? TMAX : k - bias;
                if (digit < t) break;
                w *= BASE - t;
                if (w > Integer.MAX_VALUE) throw new V0Fail();
            }
            bias = adapt(i - oldi, len + 1, oldi == 0);
            n += i / (len + 1);
            i %= (len + 1);
            if (n > Character.MAX_CODE_POINT || (n >= 0xd800 && n <= 0xdfff)) throw new V0Fail();
            if (len >= out.length) throw new V0Fail();
            System.arraycopy(out, (int) i, out, (int) i + 1, len - (int) i);
            out[(int) i] = (int) n;
            len++;
            i++;
        }
        return new String(out, 0, len);
    }

    private static int digit(char c) {
        if (c >= 'a' && c <= 'z') return c - 'a';
        if (c >= '0' && c <= '9') return c - '0' + 26;
        throw new V0Fail();
    }

    private static int adapt(long delta, int numPoints, boolean first) {
        delta = first ? delta / DAMP : delta / 2;
        delta += delta / numPoints;
        int k = 0;
        while (delta > ((BASE - TMIN) * TMAX) / 2) {
            delta /= BASE - TMIN;
            k += BASE;
        }
        return (int) (k + (BASE - TMIN + 1) * delta / (delta + SKEW));
    }

    /** Not punycode. */
    static final class V0Fail extends IllegalArgumentException {
        V0Fail() {
            super("invalid punycode");
        }
    }
}
