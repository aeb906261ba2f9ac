package dev.crosslens.model.pe;

import dev.crosslens.model.Extent;

import java.util.List;

/** IMAGE_EXPORT_DIRECTORY with its used export slots (RVA non-zero), by ordinal. */
public record PeExportDirectory(String dllName, long timeDateStamp, int majorVersion, int minorVersion,
                                long ordinalBase, long numberOfFunctions, long numberOfNames,
                                long addressOfFunctions, long addressOfNames, long addressOfNameOrdinals,
                                List<PeExport> exports, Extent extent) {
    public PeExportDirectory {
        exports = List.copyOf(exports);
    }

    public long namedCount() {
        return exports.stream().filter(e -> e.name() != null).count();
    }
}
