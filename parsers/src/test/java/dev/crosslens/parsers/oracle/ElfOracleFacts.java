package dev.crosslens.parsers.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosslens.model.ElfImage;
import dev.crosslens.model.ImageCore;
import dev.crosslens.model.Symbol;
import dev.crosslens.model.SymbolTable;
import dev.crosslens.model.SymbolType;
import dev.crosslens.model.elf.ElfDetails;
import dev.crosslens.model.elf.ElfProgramHeader;
import dev.crosslens.model.elf.ElfRelocationSection;
import dev.crosslens.model.elf.ElfSectionHeader;
import dev.crosslens.model.elf.ElfSymbolTableInfo;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Every ELF fact of an oracle ({@code readelf -W}, {@code llvm-nm}) against the engine's. */
final class ElfOracleFacts {
    private ElfOracleFacts() {
    }

    static void compare(JsonNode o, ElfImage image, OracleFacts facts) {
        ImageCore c = image.core();
        ElfDetails d = image.elf();
        JsonNode e = o.path("elf");
        facts.check("machine", o.get("machine"), c.machineName());
        facts.check("elf.type", e.get("type"), d.header().typeName());
        facts.check("elf.osabi", e.get("osabi"), d.header().osAbiName());
        facts.check("elf.flags", e.get("flags"), d.header().flagsLabel());
        facts.check("elf.interpreter", e.get("interpreter"), d.interpreter());
        facts.check("elf.needed", e.get("needed"), d.needed());
        facts.check("elf.soname", e.get("soname"), d.soname());
        facts.check("elf.rpath", e.get("rpath"), d.rpath());
        facts.check("elf.runpath", e.get("runpath"), d.runpath());
        facts.check("elf.dynamic_entries", e.get("dynamic_entries"),
                d.dynamic().isEmpty() ? null : (long) d.dynamic().size());
        facts.check("elf.gnu_build_id", e.get("gnu_build_id"), d.gnuBuildId());
        facts.check("elf.note_owners", e.get("note_owners"), d.noteOwners());
        programHeaders(e.path("program_headers"), d, facts);
        relocations(e.path("relocation_sections"), d, facts);
        sections(o.path("sections"), d, facts);
        JsonNode sym = o.path("symbols");
        symbolTable("symtab", sym.get("symtab"), d.symbolTable("symtab"), facts);
        symbolTable("dynsym", sym.get("dynsym"), d.symbolTable("dynsym"), facts);
        nm("llvm_nm", sym.path("llvm_nm"), c.symbols(), SymbolTable.SYMTAB, facts);
        nm("llvm_nm_dynamic", sym.path("llvm_nm_dynamic"), c.symbols(), SymbolTable.DYNSYM, facts);
    }

    private static void programHeaders(JsonNode ph, ElfDetails d, OracleFacts facts) {
        facts.check("program_headers.count", ph.get("count"), (long) d.programHeaders().size());
        List<ElfProgramHeader> mine = d.programHeaders();
        int i = 0;
        for (JsonNode p : ph.path("list")) {
            String f = "program_headers[" + i + "].";
            if (i >= mine.size()) {
                facts.fail(f + " missing", 6);
                i++;
                continue;
            }
            ElfProgramHeader m = mine.get(i);
            facts.check(f + "type", p.get("type"), m.typeName());
            facts.check(f + "offset", p.get("offset"), m.offset());
            facts.check(f + "vaddr", p.get("vaddr"), m.vaddr());
            facts.check(f + "filesz", p.get("filesz"), m.filesz());
            facts.check(f + "memsz", p.get("memsz"), m.memsz());
            facts.check(f + "flags", p.get("flags"), m.flagsLabel());
            i++;
        }
    }

    private static void relocations(JsonNode rs, ElfDetails d, OracleFacts facts) {
        Map<String, Long> expected = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = rs.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> en = it.next();
            expected.put(en.getKey(), en.getValue().asLong());
        }
        Map<String, Long> mine = new TreeMap<>();
        for (ElfRelocationSection s : d.relocationSections()) {
            if (s.count() > 0) mine.put(s.name(), s.count());
        }
        facts.checkValue("relocation_sections.names", new ArrayList<>(expected.keySet()),
                new ArrayList<>(mine.keySet()));
        expected.forEach((name, count) -> facts.checkValue("relocation_sections." + name, count, mine.get(name)));
    }

    private static void sections(JsonNode ss, ElfDetails d, OracleFacts facts) {
        facts.check("sections.count", ss.get("count"), (long) d.sectionHeaders().size());
        List<ElfSectionHeader> mine = d.sectionHeaders();
        int i = 0;
        for (JsonNode s : ss.path("list")) {
            String f = "sections[" + i + "].";
            if (i >= mine.size()) {
                facts.fail(f + " missing", 5);
                i++;
                continue;
            }
            ElfSectionHeader m = mine.get(i);
            facts.check(f + "name", s.get("name"), m.name());
            facts.check(f + "type", s.get("type"), m.typeName());
            facts.check(f + "vaddr", s.get("vaddr"), m.addr());
            facts.check(f + "offset", s.get("offset"), m.offset());
            facts.check(f + "size", s.get("size"), m.size());
            i++;
        }
    }

    private static void symbolTable(String kind, JsonNode expected, ElfSymbolTableInfo mine, OracleFacts facts) {
        if (expected == null || expected.isNull()) {
            facts.checkValue("symbols." + kind, null, mine == null ? null : mine.entries() + " entries");
            return;
        }
        if (mine == null) {
            facts.fail("symbols." + kind + ": no such table read", 3);
            return;
        }
        facts.check("symbols." + kind + ".entries", expected.get("entries"), mine.entries());
        facts.check("symbols." + kind + ".defined", expected.get("defined"), mine.defined());
        facts.check("symbols." + kind + ".undefined", expected.get("undefined"), mine.undefined());
    }

    /** llvm-nm leaves out FILE and SECTION symbols (and entry 0, which the Symbol list never holds). */
    private static void nm(String fact, JsonNode expected, List<Symbol> symbols, SymbolTable table,
                           OracleFacts facts) {
        long defined = 0;
        long undefined = 0;
        for (Symbol s : symbols) {
            if (s.table() != table || s.type() == SymbolType.FILE || s.type() == SymbolType.SECTION) continue;
            if (s.defined()) defined++;
            else undefined++;
        }
        facts.check("symbols." + fact + ".defined", expected.get("defined"), defined);
        facts.check("symbols." + fact + ".undefined", expected.get("undefined"), undefined);
    }
}
