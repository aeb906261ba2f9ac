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
     * @param machine       COFF machine number (0x8664 x86-64, 0x14c i386, 0xaa64 ARM64 ...)
     * @param symbol        the symbol the import defines for the linker ({@code _Func@8}, {@code DemoOpen})
     * @param ordinalOrHint the ordinal when imported by ordinal, else the hint into the DLL's export names
     * @param type          IMPORT_OBJECT_CODE (0), DATA (1), CONST (2), by raw number
     * @param nameType      IMPORT_OBJECT_ORDINAL/NAME/NAME_NOPREFIX/NAME_UNDECORATE/NAME_EXPORTAS, by raw number
     * @param importName    the name looked up in the DLL, derived from {@code symbol} by {@code nameType}
     *                      (or the explicit export-as name); null when imported by ordinal
     */
    public record ImportStub(int machine, String symbol, String dll, int ordinalOrHint, int type, int nameType,
                             String importName) {
        public static final int TYPE_CODE = 0;
        public static final int TYPE_DATA = 1;
        public static final int TYPE_CONST = 2;
        public static final int NAME_ORDINAL = 0;
        public static final int NAME = 1;
        public static final int NAME_NOPREFIX = 2;
        public static final int NAME_UNDECORATE = 3;
        public static final int NAME_EXPORTAS = 4;

        /** {@code code}, {@code data}, {@code const} or the raw number. */
        public String typeLabel() {
            switch (type) {
                case TYPE_CODE: return "code";
                case TYPE_DATA: return "data";
                case TYPE_CONST: return "const";
                default: return "type " + type;
            }
        }

        public boolean byOrdinal() {
            return nameType == NAME_ORDINAL;
        }
    }
}
