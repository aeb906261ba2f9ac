package dev.crosslens.parsers.report;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
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
        try (JsonGenerator g = FACTORY.createGenerator(w)) {
            g.setPrettyPrinter(new DefaultPrettyPrinter());
            ModelJsonWriter.write(g, doc);
        }
        w.write(System.lineSeparator());
        w.flush();
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
