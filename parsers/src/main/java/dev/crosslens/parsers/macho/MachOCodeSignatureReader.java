package dev.crosslens.parsers.macho;

import dev.crosslens.model.Diagnostic;
import dev.crosslens.model.Extent;
import dev.crosslens.model.macho.MachOCodeSignature;
import dev.crosslens.parsers.io.BinaryReader;
import dev.crosslens.parsers.io.MalformedBinaryException;

import java.nio.ByteOrder;
import java.util.List;

/**
 * Reads the code signature SuperBlob (big endian, whatever the image's byte order) that LC_CODE_SIGNATURE points at,
 * and the identifier, flags and hash type of its CodeDirectory.
 */
final class MachOCodeSignatureReader {
    private static final long CSMAGIC_EMBEDDED_SIGNATURE = 0xfade0cc0L;
    private static final long CSMAGIC_CODEDIRECTORY = 0xfade0c02L;
    private static final long CSSLOT_CODEDIRECTORY = 0;
    private static final long CSSLOT_SIGNATURESLOT = 0x10000;

    private final BinaryReader r;
    private final List<Diagnostic> diagnostics;

    MachOCodeSignatureReader(BinaryReader r, List<Diagnostic> diagnostics) {
        this.r = r.withOrder(ByteOrder.BIG_ENDIAN);
        this.diagnostics = diagnostics;
    }

    MachOCodeSignature read(long off, long size, Extent command) {
        MachOCodeSignature bare = new MachOCodeSignature(off, size, null, null, 0, 0, List.of(), 0, null, 0, 0, false,
                r.inBounds(off, size) ? r.extent(off, size) : command);
        try {
            BinaryReader sb = r.slice(off, size);
            if (sb.size() < 12) throw new MalformedBinaryException(sb.base(), "SuperBlob needs 12 bytes");
            long magic = sb.u32(0);
            if (magic != CSMAGIC_EMBEDDED_SIGNATURE) {
                throw new MalformedBinaryException(sb.base(), "SuperBlob magic 0x" + Long.toHexString(magic));
            }
            long length = Math.min(sb.u32(4), sb.size());
            long count = sb.u32(8);
            sb.checkTable(12, count, 8, (length - 12) / 8, "code signature blob index");
            boolean cms = false;
            long cdOffset = -1;
            for (int i = 0; i < count; i++) {
                long type = sb.u32(12 + 8L * i);
                long blobOff = sb.u32(16 + 8L * i);
                if (type == CSSLOT_SIGNATURESLOT) {
                    cms = sb.inBounds(blobOff, 8) && sb.u32(blobOff + 4) > 8;
                }
                if (type == CSSLOT_CODEDIRECTORY && cdOffset < 0) cdOffset = blobOff;
            }
            if (cdOffset < 0) {
                diagnostics.add(Diagnostic.warning("macho.codesign.nocd", "the code signature has no CodeDirectory",
                        sb.extent(0, length)));
                return new MachOCodeSignature(off, size, null, null, 0, 0, List.of(), 0, null, 0, (int) count, cms,
                        sb.extent(0, sb.size()));
            }
            if (sb.u32(cdOffset) != CSMAGIC_CODEDIRECTORY) {
                throw new MalformedBinaryException(sb.absolute(cdOffset), "CodeDirectory magic 0x"
                        + Long.toHexString(sb.u32(cdOffset)));
            }
            long cdLength = sb.u32(cdOffset + 4);
            BinaryReader cd = sb.slice(cdOffset, Math.min(cdLength, sb.size() - cdOffset));
            long version = cd.u32(8);
            long flags = cd.u32(12);
            long identOffset = cd.u32(20);
            long nCodeSlots = cd.u32(28);
            int hashType = cd.u8(37);
            String identifier = identOffset > 0 && identOffset < cd.size()
                    ? cd.cString(identOffset, MachOParser.MAX_NAME) : null;
            String team = null;
            if (version >= 0x20200 && cd.inBounds(48, 4)) {
                long teamOffset = cd.u32(48);
                if (teamOffset > 0 && teamOffset < cd.size()) team = cd.cString(teamOffset, MachOParser.MAX_NAME);
            }
            return new MachOCodeSignature(off, size, identifier, team, version, flags,
                    MachONames.codeDirectoryFlags(flags), hashType, MachONames.hashType(hashType), nCodeSlots,
                    (int) count, cms, sb.extent(0, sb.size()));
        } catch (MalformedBinaryException e) {
            diagnostics.add(Diagnostic.error("macho.codesign", "LC_CODE_SIGNATURE: " + e.getMessage(), bare.extent()));
            return bare;
        }
    }
}
