package dev.crosslens.parsers.trace;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crosslens.model.trace.OutputChunk;
import dev.crosslens.model.trace.SessionBreak;
import dev.crosslens.model.trace.SessionFooter;
import dev.crosslens.model.trace.SessionHeader;
import dev.crosslens.model.trace.TraceEvent;
import dev.crosslens.model.trace.TraceSession;
import dev.crosslens.parsers.report.JsonSupport;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a session written by {@link TraceSessionWriter}. A file cut short (crash, partial copy) opens with
 * everything before the first unreadable line and says where it broke ({@link TraceSession#brokenAt()}: line
 * number and byte offset). Only a file without a readable header line is an error.
 */
public final class TraceSessionReader {
    private final ObjectMapper mapper = JsonSupport.mapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setVisibility(com.fasterxml.jackson.annotation.PropertyAccessor.CREATOR,
                    com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.ANY);

    public TraceSession read(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return read(in, file.toString());
        }
    }

    public TraceSession read(InputStream in, String name) throws IOException {
        SessionHeader header = null;
        SessionFooter footer = null;
        SessionBreak broken = null;
        List<TraceEvent> events = new ArrayList<>();
        List<OutputChunk> output = new ArrayList<>();
        long lineNo = 0;
        long offset = 0;
        ByteArrayOutputStream buf = new ByteArrayOutputStream(512);
        while (true) {
            buf.reset();
            int b;
            boolean newline = false;
            while ((b = in.read()) >= 0) {
                if (b == '\n') { newline = true; break; }
                buf.write(b);
            }
            if (b < 0 && buf.size() == 0) break;
            lineNo++;
            long lineStart = offset;
            offset += buf.size() + (newline ? 1 : 0);
            String text = buf.toString(StandardCharsets.UTF_8);
            if (text.isBlank()) continue;
            JsonNode node;
            try {
                node = mapper.readTree(text);
            } catch (IOException e) {
                broken = new SessionBreak(lineNo, lineStart, (newline ? "unreadable JSON: " : "cut mid-line: ")
                        + firstLine(e.getMessage()));
                break;
            }
            String type = node.path("type").asText("");
            try {
                switch (type) {
                    case "header" -> header = mapper.treeToValue(node, SessionHeader.class);
                    case "event" -> events.add(mapper.treeToValue(node, TraceEvent.class));
                    case "output" -> output.add(mapper.treeToValue(node, OutputChunk.class));
                    case "footer" -> footer = mapper.treeToValue(node, SessionFooter.class);
                    default -> throw new IOException("unknown line type '" + type + "'");
                }
            } catch (IOException | IllegalArgumentException e) {
                broken = new SessionBreak(lineNo, lineStart, "bad " + type + " line: " + firstLine(e.getMessage()));
                break;
            }
            if (header == null) {
                throw new IOException(name + ": line 1 is not a crosslens.trace header");
            }
            if (!newline && broken == null && footer == null) {
                broken = new SessionBreak(lineNo + 1, offset, "file ends without a footer (the run did not finish "
                        + "writing)");
            }
        }
        if (header == null) throw new IOException(name + ": no crosslens.trace header line");
        if (broken == null && footer == null) {
            broken = new SessionBreak(lineNo + 1, offset, "file ends without a footer (the run did not finish writing)");
        }
        return new TraceSession(header, events, output, footer, broken);
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl > 0 ? s.substring(0, nl) : s;
    }
}
