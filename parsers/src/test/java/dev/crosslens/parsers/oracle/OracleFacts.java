package dev.crosslens.parsers.oracle;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Collects fact comparisons between an oracle (llvm/binutils/go) and the engine. A fact is one named value;
 * lists compare element by element in order. Numbers compare as longs, text as text, JSON null as null.
 */
public final class OracleFacts {
    private final String id;
    private int matched;
    private final List<String> mismatches = new ArrayList<>();

    public OracleFacts(String id) {
        this.id = id;
    }

    /** Compares the oracle's JSON value with the engine's value. */
    public void check(String fact, JsonNode expected, Object actual) {
        Object exp = plain(expected);
        Object act = normalise(actual);
        if (Objects.equals(exp, act)) {
            matched++;
        } else {
            mismatches.add(id + ": " + fact + ": oracle " + exp + " vs crosslens " + act);
        }
    }

    /** Compares two plain values (already normalised by the caller). */
    public void checkValue(String fact, Object expected, Object actual) {
        Object exp = normalise(expected);
        Object act = normalise(actual);
        if (Objects.equals(exp, act)) {
            matched++;
        } else {
            mismatches.add(id + ": " + fact + ": oracle " + exp + " vs crosslens " + act);
        }
    }

    /** Records that the engine could not produce anything for {@code facts} facts. */
    public void fail(String why, int facts) {
        for (int i = 0; i < Math.max(1, facts); i++) {
            mismatches.add(id + ": " + why);
        }
    }

    public int matched() {
        return matched;
    }

    public List<String> mismatches() {
        return mismatches;
    }

    static Object plain(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) return null;
        if (n.isIntegralNumber()) return n.asLong();
        if (n.isNumber()) return n.asDouble();
        if (n.isBoolean()) return n.asBoolean();
        if (n.isTextual()) return n.asText();
        if (n.isArray()) {
            List<Object> out = new ArrayList<>();
            n.forEach(e -> out.add(plain(e)));
            return out;
        }
        return n.toString();
    }

    static Object normalise(Object v) {
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) return ((Number) v).longValue();
        if (v instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>();
            c.forEach(e -> out.add(normalise(e)));
            return out;
        }
        if (v instanceof JsonNode j) return plain(j);
        return v;
    }
}
