package dev.crosslens.model.trace;

import java.util.List;

/**
 * A recorded run read back: the header, every event and output chunk kept, the footer when the run finished,
 * and where the file broke when it did not end cleanly.
 *
 * @param footer   null when the file has none (the run crashed or is still being written)
 * @param brokenAt null when every line was read
 */
public record TraceSession(SessionHeader header, List<TraceEvent> events, List<OutputChunk> output,
                           SessionFooter footer, SessionBreak brokenAt) {
    public TraceSession {
        events = List.copyOf(events);
        output = List.copyOf(output);
    }

    public boolean complete() {
        return footer != null && brokenAt == null;
    }

    public String text(OutputChunk.Stream stream) {
        StringBuilder sb = new StringBuilder();
        for (OutputChunk c : output) {
            if (c.stream() == stream) sb.append(c.text());
        }
        return sb.toString();
    }
}
