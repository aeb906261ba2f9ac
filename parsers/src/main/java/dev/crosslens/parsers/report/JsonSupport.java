package dev.crosslens.parsers.report;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;

/**
 * The one JSON configuration of Crosslens: records are written by their components only (no derived getters
 * such as {@code isKnown()}), nulls are written, map entries are ordered by key, output is stable. Documents are
 * written by {@link ModelJsonWriter} (the same text as {@link #mapper()}, without its start-up cost); the mapper
 * reads (sessions, data files) and builds trees (SARIF).
 */
public final class JsonSupport {
    /** Generators for {@link ModelJsonWriter}: jackson-core only, no databind (thread-safe, made once). */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    private JsonSupport() {
    }

    public static ObjectMapper mapper() {
        ObjectMapper m = new ObjectMapper();
        m.setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE);
        m.setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
        m.setSerializationInclusion(JsonInclude.Include.ALWAYS);
        m.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
        m.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        return m;
    }

    /**
     * Writes {@code value} (a record of the model, or lists and maps of them) to {@code out} as UTF-8: on one line,
     * or laid out by the default pretty printer as if it sat {@code depth} objects deep in a larger pretty document
     * (the analysis document writes its envelope by hand around such parts). Leaves {@code out} open.
     */
    public static void writeUtf8(OutputStream out, Object value, boolean pretty, int depth) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            if (pretty) g.setPrettyPrinter(new NestedPrinter(depth));
            ModelJsonWriter.write(g, value);
        }
    }

    /** The default pretty printer, starting {@code depth} levels in. */
    private static final class NestedPrinter extends DefaultPrettyPrinter {
        NestedPrinter(int depth) {
            _nesting = depth;
        }

        private NestedPrinter(NestedPrinter base) {
            super(base);
        }

        @Override
        public DefaultPrettyPrinter createInstance() {
            return new NestedPrinter(this);
        }
    }

    /**
     * Writes {@code doc} (records of the model, maps and lists of them) pretty-printed plus a newline, leaving
     * {@code w} open (it may be stdout). The same text {@code mapper().writerWithDefaultPrettyPrinter()} writes.
     */
    public static void write(Writer w, Object doc) throws IOException {
        write(w, doc, true);
    }

    /** {@link #write(Writer, Object)}, on one line unless {@code pretty}: what the commands' {@code --json} write. */
    public static void write(Writer w, Object doc, boolean pretty) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(w)) {
            if (pretty) g.setPrettyPrinter(new DefaultPrettyPrinter());
            ModelJsonWriter.write(g, doc);
        }
        w.write(System.lineSeparator());
        w.flush();
    }

    /**
     * Reads one JSON document into a tree with jackson-core's parser and the tree nodes alone, without an
     * {@link ObjectMapper} (whose construction costs more on a cold JVM than reading the bundled data files):
     * for the data Crosslens ships (target profiles, the Go minimum-OS table, the trace mapping).
     *
     * @throws IOException when the text is not one well-formed JSON value
     */
    public static JsonNode readTree(InputStream in) throws IOException {
        try (JsonParser p = FACTORY.createParser(in)) {
            if (p.nextToken() == null) throw new JsonParseException(p, "no JSON value");
            JsonNode root = tree(p);
            if (p.nextToken() != null) throw new JsonParseException(p, "text after the JSON value");
            return root;
        }
    }

    private static JsonNode tree(JsonParser p) throws IOException {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return switch (p.currentToken()) {
            case START_OBJECT -> {
                ObjectNode o = nodes.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    o.set(name, tree(p));
                }
                yield o;
            }
            case START_ARRAY -> {
                ArrayNode a = nodes.arrayNode();
                while (p.nextToken() != JsonToken.END_ARRAY) a.add(tree(p));
                yield a;
            }
            case VALUE_STRING -> nodes.textNode(p.getText());
            case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
                case INT -> nodes.numberNode(p.getIntValue());
                case LONG -> nodes.numberNode(p.getLongValue());
                default -> nodes.numberNode(p.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> nodes.numberNode(p.getDoubleValue()); // as ObjectMapper reads it
            case VALUE_TRUE -> nodes.booleanNode(true);
            case VALUE_FALSE -> nodes.booleanNode(false);
            case VALUE_NULL -> nodes.nullNode();
            default -> throw new JsonParseException(p, "unexpected " + p.currentToken());
        };
    }

    /**
     * One JSON object on one line: {@code {"type":TYPE, ...the record's components}}, as the session file holds
     * its lines.
     */
    public static String typedLine(String type, Record value) throws IOException {
        java.io.StringWriter w = new java.io.StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(w)) {
            g.writeStartObject();
            g.writeStringField("type", type);
            ModelJsonWriter.writeFields(g, value);
            g.writeEndObject();
        }
        return w.toString();
    }
}
