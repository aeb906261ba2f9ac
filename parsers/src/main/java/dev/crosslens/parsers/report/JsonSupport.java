package dev.crosslens.parsers.report;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * The one Jackson configuration of Crosslens: records are written by their components only (no derived
 * getters such as {@code isKnown()}), nulls are written, output is stable.
 */
public final class JsonSupport {
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

    /** A writer without indentation: what a program reads (the analysis document of many files is large). */
    public static ObjectWriter compactWriter() {
        return mapper().writer();
    }

    /**
     * A pretty writer for a value that sits {@code depth} objects deep in a larger document whose envelope is
     * written by hand (the analysis document): its text is indented as if the whole document had been written
     * in one go by the default pretty printer.
     */
    public static ObjectWriter nestedWriter(int depth) {
        return mapper().writer(new NestedPrinter(depth));
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

    /** Writes {@code doc} pretty-printed plus a newline, leaving {@code w} open (it may be stdout). */
    public static void write(Writer w, Object doc) throws IOException {
        mapper().writerWithDefaultPrettyPrinter().writeValue(new NonClosing(w), doc);
        w.write(System.lineSeparator());
        w.flush();
    }

    /** Jackson closes what it writes to; stdout and GUI streams must stay open. */
    private static final class NonClosing extends FilterWriter {
        NonClosing(Writer w) {
            super(w);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
