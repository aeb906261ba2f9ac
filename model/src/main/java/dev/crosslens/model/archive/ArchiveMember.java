package dev.crosslens.model.archive;

import dev.crosslens.model.BinaryImage;
import dev.crosslens.model.Diagnostic;
import dev.crosslens.model.Extent;

import java.util.List;

/**
 * One member of an archive.
 *
 * @param name        the member's resolved name (long names looked up in the GNU/BSD name table)
 * @param image       the member parsed as an object, null when it is not one (symbol tables, text, import stubs)
 * @param importStub  a Windows short import member (IMPORT_OBJECT_HEADER), null otherwise
 * @param diagnostics what went wrong reading this member
 * @param dataExtent  the member's data (after its 60-byte header)
 */
public record ArchiveMember(String name, long size, long mtime, int uid, int gid, long mode, BinaryImage image,
                            ImportStub importStub, List<Diagnostic> diagnostics, Extent headerExtent,
                            Extent dataExtent) {
    public ArchiveMember {
        diagnostics = List.copyOf(diagnostics);
    }

    /**
     * A Windows short import member: one function (or data) a {@code .lib} imports from a DLL.
     *
     * @param nameType IMPORT_OBJECT_ORDINAL/NAME/NAME_NOPREFIX/NAME_UNDECORATE/NAME_EXPORTAS, by raw number
     */
    public record ImportStub(int machine, String symbol, String dll, int ordinalOrHint, int type, int nameType) {
    }
}
