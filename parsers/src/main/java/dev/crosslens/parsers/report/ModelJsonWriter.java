package dev.crosslens.parsers.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes the model as JSON through a jackson-core generator, exactly as {@link JsonSupport#mapper()} would write
 * it (records by their components in declaration order, enums by name, maps ordered by key, nulls written), without
 * databind's bean introspection: on a cold JVM that costs a quarter of a second before the first byte, more than
 * parsing a small binary. What the model holds is a closed set (records, enums, lists, maps, strings, numbers,
 * booleans; Jackson trees for SARIF): anything else is a programming error and says so.
 */
final class ModelJsonWriter {
    /** One record type's components: their JSON names and the fields that hold them. */
    private record Component(SerializableString name, Field field, Class<?> type) {
    }

    private static final ConcurrentHashMap<Class<?>, Component[]> COMPONENTS = new ConcurrentHashMap<>();

    private ModelJsonWriter() {
    }

    /** Made the first time a tree is written, not before: most runs write none. */
    private static final class Trees {
        static final ObjectMapper MAPPER = JsonSupport.mapper();
    }

    static void write(JsonGenerator g, Object value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof String s) {
            g.writeString(s);
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof Long n) {
            g.writeNumber(n);
        } else if (value instanceof Integer n) {
            g.writeNumber(n);
        } else if (value instanceof Enum<?> e) {
            g.writeString(e.name());
        } else if (value instanceof Record r) {
            g.writeStartObject();
            writeFields(g, r);
            g.writeEndObject();
        } else if (value instanceof Collection<?> items) {
            g.writeStartArray();
            for (Object item : items) write(g, item);
            g.writeEndArray();
        } else if (value instanceof Map<?, ?> map) {
            writeMap(g, map);
        } else if (value instanceof Short || value instanceof Byte) {
            g.writeNumber(((Number) value).intValue());
        } else if (value instanceof Double n) {
            g.writeNumber(n);
        } else if (value instanceof Float n) {
            g.writeNumber(n);
        } else if (value instanceof BigInteger n) {
            g.writeNumber(n);
        } else if (value instanceof BigDecimal n) {
            g.writeNumber(n);
        } else if (value instanceof Character c) {
            g.writeString(c.toString());
        } else if (value instanceof JsonNode node) {
            Trees.MAPPER.writeTree(g, node); // SARIF is built as a tree, by databind already
        } else {
            throw new IllegalArgumentException("no JSON form for " + value.getClass().getName());
        }
    }

    /** The record's components as fields of the object the generator is in. */
    static void writeFields(JsonGenerator g, Record r) throws IOException {
        try {
            for (Component c : components(r.getClass())) {
                g.writeFieldName(c.name());
                Class<?> t = c.type();
                if (t == long.class) g.writeNumber(c.field().getLong(r));
                else if (t == int.class) g.writeNumber(c.field().getInt(r));
                else if (t == boolean.class) g.writeBoolean(c.field().getBoolean(r));
                else write(g, c.field().get(r));
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("record fields are made accessible when first seen", e);
        }
    }

    /** Entries ordered by key (Jackson's ORDER_MAP_ENTRIES_BY_KEYS); keys are strings, enums or numbers. */
    private static void writeMap(JsonGenerator g, Map<?, ?> map) throws IOException {
        for (Object key : map.keySet()) {
            if (key == null) throw new IllegalArgumentException("a map with a null key has no JSON form");
        }
        Map<?, ?> ordered = map instanceof SortedMap<?, ?> || map.size() < 2 ? map : new TreeMap<>(map);
        g.writeStartObject();
        for (Map.Entry<?, ?> e : ordered.entrySet()) {
            Object key = e.getKey();
            g.writeFieldName(key instanceof Enum<?> en ? en.name() : key.toString());
            write(g, e.getValue());
        }
        g.writeEndObject();
    }

    private static Component[] components(Class<?> type) {
        Component[] known = COMPONENTS.get(type);
        return known != null ? known : COMPONENTS.computeIfAbsent(type, ModelJsonWriter::inspect);
    }

    private static Component[] inspect(Class<?> type) {
        RecordComponent[] rc = type.getRecordComponents();
        Component[] out = new Component[rc.length];
        for (int i = 0; i < rc.length; i++) {
            try {
                Field f = type.getDeclaredField(rc[i].getName());
                f.setAccessible(true);
                out[i] = new Component(new SerializedString(rc[i].getName()), f, f.getType());
            } catch (NoSuchFieldException e) {
                throw new IllegalStateException("a record has a field per component", e);
            }
        }
        return out;
    }
}
