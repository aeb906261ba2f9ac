package dev.crosslens.parsers.archive;

import dev.crosslens.model.ArchiveImage;
import dev.crosslens.model.Diagnostic;
import dev.crosslens.model.ImportedSymbol;
import dev.crosslens.model.archive.ArchiveMember;
import dev.crosslens.parsers.ImageOpener;
import dev.crosslens.parsers.ParseOptions;
import dev.crosslens.parsers.io.BinaryReader;
import dev.crosslens.parsers.io.MalformedBinaryException;
import dev.crosslens.parsers.io.UnsupportedFormatException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Archives assembled byte by byte for the variants and faults the tools here do not produce: 64-bit GNU and BSD
 * indexes, {@code __.SYMDEF SORTED}, broken header fields, dangling long-name references, undecorated imports.
 * Member opening goes through a recording opener, so these test the archive layer alone.
 */
class SyntheticArchiveTest {
    /** Builds an archive: header fields are given as written, data is padded to even length. */
    static final class Ar {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Ar(String magic) {
            out.writeBytes(magic.getBytes(StandardCharsets.ISO_8859_1));
        }

        int offset() {
            return out.size();
        }

        Ar member(String name, String mtime, String mode, String size, byte[] data) {
            out.writeBytes(pad(name, 16));
            out.writeBytes(pad(mtime, 12));
            out.writeBytes(pad("0", 6));
            out.writeBytes(pad("0", 6));
            out.writeBytes(pad(mode, 8));
            out.writeBytes(pad(size, 10));
            out.writeBytes("`\n".getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(data);
            if (data.length % 2 == 1) out.write('\n');
            return this;
        }

        Ar member(String name, byte[] data) {
            return member(name, "0", "644", Integer.toString(data.length), data);
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        static byte[] pad(String s, int n) {
            byte[] b = new byte[n];
            java.util.Arrays.fill(b, (byte) ' ');
            byte[] src = s.getBytes(StandardCharsets.ISO_8859_1);
            System.arraycopy(src, 0, b, 0, Math.min(n, src.length));
            return b;
        }
    }

    static byte[] text(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** An opener that refuses everything as "not a binary": the archive layer is under test. */
    static final ImageOpener NONE = w -> {
        throw new UnsupportedFormatException("test data");
    };

    static ArchiveImage parse(byte[] data) throws IOException {
        return new ArchiveParser().parse(BinaryReader.of(data), ParseOptions.defaults().withDemangle(false), NONE);
    }

    static boolean has(List<Diagnostic> ds, String code) {
        return ds.stream().anyMatch(d -> d.code().equals(code));
    }

    @Test
    void gnu64SymbolIndex() throws IOException {
        // /SYM64/: u64 big-endian count, offsets, names; the member follows at a known offset
        int memberOffset = 8 + 60 + 8 + 8 + 4; // magic, index header, count, one offset, "abc\0"
        ByteBuffer idx = ByteBuffer.allocate(20).order(ByteOrder.BIG_ENDIAN);
        idx.putLong(1).putLong(memberOffset).put(text("abc\0"));
        ArchiveImage a = parse(new Ar("!<arch>\n").member("/SYM64/", idx.array()).member("one.o/", text("xx"))
                .bytes());
        assertEquals("abc", a.core().symbols().get(0).name());
        assertEquals("one.o", a.core().symbols().get(0).section());
    }

    @Test
    void bsdSortedAnd64BitSymdef() throws IOException {
        for (String name : List.of("__.SYMDEF SORTED", "__.SYMDEF_64")) {
            boolean is64 = name.endsWith("_64");
            int w = is64 ? 8 : 4;
            byte[] nameBytes = text(name + "\0\0\0\0");
            int nameLen = (nameBytes.length + 3) / 4 * 4;
            int dataLen = nameLen + w + 2 * w + w + 4;
            int memberOffset = 8 + 60 + dataLen;
            ByteBuffer b = ByteBuffer.allocate(dataLen).order(ByteOrder.LITTLE_ENDIAN);
            b.put(java.util.Arrays.copyOf(nameBytes, nameLen));
            if (is64) {
                b.putLong(2L * w).putLong(0).putLong(memberOffset).putLong(4);
            } else {
                b.putInt(2 * w).putInt(0).putInt(memberOffset).putInt(4);
            }
            b.put(text("sym\0"));
            ArchiveImage a = parse(new Ar("!<arch>\n").member("#1/" + nameLen, b.array())
                    .member("#1/8", text("obj.o\0\0\0" + "data")).bytes());
            assertEquals("BSD", a.variant());
            assertEquals(name, a.members().get(0).name());
            assertEquals("obj.o", a.members().get(1).name());
            assertEquals(List.of("sym"), a.core().symbols().stream().map(s -> s.name()).toList(), name);
            assertEquals("obj.o", a.core().symbols().get(0).section());
        }
    }

    @Test
    void badNumericFieldsAreDiagnosticsAndTheMemberStays() throws IOException {
        ArchiveImage a = parse(new Ar("!<arch>\n").member("a.txt/", "12x", "789", "2", text("hi"))
                .member("b.txt/", text("ok")).bytes());
        assertEquals(2, a.members().size());
        ArchiveMember first = a.members().get(0);
        assertTrue(has(first.diagnostics(), "archive.header.mtime"), first.diagnostics().toString());
        assertTrue(has(first.diagnostics(), "archive.header.mode"), "789 is not octal");
        assertEquals(0644, a.members().get(1).mode());
    }

    @Test
    void badSizeStopsTheWalkButKeepsWhatCameBefore() throws IOException {
        ArchiveImage a = parse(new Ar("!<arch>\n").member("a.txt/", text("hi"))
                .member("b.txt/", "0", "644", "-5", text("xx")).member("c.txt/", text("zz")).bytes());
        assertEquals(List.of("a.txt"), a.members().stream().map(ArchiveMember::name).toList());
        assertTrue(has(a.core().diagnostics(), "archive.header.size"));
    }

    @Test
    void sizePastTheEndIsATruncatedMember() throws IOException {
        ArchiveImage a = parse(new Ar("!<arch>\n").member("a.txt/", "0", "644", "5000", text("short")).bytes());
        assertEquals(1, a.members().size());
        assertTrue(has(a.members().get(0).diagnostics(), "archive.member.truncated"));
        assertEquals(5000, a.members().get(0).size());
    }

    @Test
    void danglingLongNameReference() throws IOException {
        ArchiveImage a = parse(new Ar("!<arch>\n").member("//", text("long_name_here.o/\n"))
                .member("/0", text("aa")).member("/999", text("bb")).bytes());
        assertEquals("long_name_here.o", a.members().get(1).name());
        assertEquals("/999", a.members().get(2).name());
        assertTrue(has(a.members().get(2).diagnostics(), "archive.name.longref"));
    }

    @Test
    void undecoratedAndOrdinalImportStubs() throws IOException {
        byte[] undecorate = importMember(0x14c, "_Func@8", "k.dll", 3, 0, 3);
        byte[] ordinal = importMember(0x14c, "ByOrd", "k.dll", 42, 0, 0);
        byte[] noPrefix = importMember(0x14c, "_Plain", "k.dll", 5, 1, 2);
        byte[] exportAs = importMember(0x14c, "Local\0k.dll\0Exported", "", 6, 0, 4);
        ArchiveImage a = parse(new Ar("!<arch>\n").member("k.dll/", undecorate).member("k.dll/", ordinal)
                .member("k.dll/", noPrefix).member("k.dll/", exportAs).bytes());
        assertEquals("COFF", a.variant());
        List<ImportedSymbol> imports = a.core().libraries().get(0).imports();
        assertEquals("Func", imports.get(0).name());
        assertEquals(3, imports.get(0).hint());
        assertNull(imports.get(1).name());
        assertEquals(42, imports.get(1).ordinal());
        assertEquals("Plain", imports.get(2).name());
        assertEquals("data", a.members().get(2).importStub().typeLabel());
        assertEquals("Exported", imports.get(3).name());
        assertEquals("Local", a.members().get(3).importStub().symbol());
        assertEquals(4, imports.size(), "one library, four imports");
        assertEquals(dev.crosslens.model.Arch.X86, a.core().arch());
    }

    @Test
    void anObjectThatFailsToParseKeepsItsDiagnostics() throws IOException {
        ImageOpener failing = w -> {
            throw new MalformedBinaryException(w.base(), "broken ELF header");
        };
        byte[] elf = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0};
        ArchiveImage a = new ArchiveParser().parse(BinaryReader.of(new Ar("!<arch>\n").member("bad.o/", elf)
                .member("after.txt/", text("x")).bytes()), ParseOptions.defaults(), failing);
        assertEquals(2, a.members().size());
        assertNull(a.members().get(0).image());
        assertTrue(has(a.members().get(0).diagnostics(), "archive.member.malformed"));
    }

    @Test
    void noMagicIsFatal() {
        assertThrows(MalformedBinaryException.class, () -> parse(text("!<arch>")));
        assertThrows(MalformedBinaryException.class, () -> parse(text("!<arxh>\nxxxxxxxx")));
    }

    static byte[] importMember(int machine, String symbol, String dll, int ordinalOrHint, int type, int nameType) {
        byte[] names = text(symbol + "\0" + (dll.isEmpty() ? "" : dll + "\0"));
        ByteBuffer b = ByteBuffer.allocate(20 + names.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 0).putShort((short) 0xffff).putShort((short) 0).putShort((short) machine).putInt(0)
                .putInt(names.length).putShort((short) ordinalOrHint).putShort((short) (type | nameType << 2))
                .put(names);
        return b.array();
    }
}
