package dev.crosslens.model.trace;

import java.util.List;

/**
 * Two sessions compared: what each touched that the other did not, and the two event sequences aligned on
 * normalised keys.
 *
 * @param alignmentBounded true when the sequences were too long or too different and the alignment was cut
 */
public record TraceDiff(List<String> filesAdded, List<String> filesGone, List<String> endpointsAdded,
                        List<String> endpointsGone, List<String> processesAdded, List<String> processesGone,
                        List<String> apisAdded, List<String> apisGone, List<Step> alignment,
                        boolean alignmentBounded, int leftEvents, int rightEvents) {
    public TraceDiff {
        filesAdded = List.copyOf(filesAdded);
        filesGone = List.copyOf(filesGone);
        endpointsAdded = List.copyOf(endpointsAdded);
        endpointsGone = List.copyOf(endpointsGone);
        processesAdded = List.copyOf(processesAdded);
        processesGone = List.copyOf(processesGone);
        apisAdded = List.copyOf(apisAdded);
        apisGone = List.copyOf(apisGone);
        alignment = List.copyOf(alignment);
    }

    public enum Op { SAME, ADDED, REMOVED }

    /** One aligned position: left index and right index are -1 where that side has nothing. */
    public record Step(Op op, String key, int left, int right) {
    }

    public boolean identical() {
        return filesAdded.isEmpty() && filesGone.isEmpty() && endpointsAdded.isEmpty() && endpointsGone.isEmpty()
                && processesAdded.isEmpty() && processesGone.isEmpty() && apisAdded.isEmpty() && apisGone.isEmpty()
                && alignment.stream().allMatch(s -> s.op() == Op.SAME) && !alignmentBounded;
    }
}
