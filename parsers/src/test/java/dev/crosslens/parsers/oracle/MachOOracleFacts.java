package dev.crosslens.parsers.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosslens.model.MachOImage;
import dev.crosslens.model.Section;
import dev.crosslens.model.macho.MachOBuildVersion;
import dev.crosslens.model.macho.MachODetails;
import dev.crosslens.model.macho.MachODylib;
import dev.crosslens.model.macho.MachOEntryPoint;
import dev.crosslens.model.macho.MachOLoadCommand;
import dev.crosslens.model.macho.MachONlist;
import dev.crosslens.model.macho.MachOSegment;

import java.util.ArrayList;
import java.util.List;

/**
 * Every Mach-O fact of an oracle (llvm-objdump --macho --private-headers, llvm-readobj, llvm-nm) against the
 * engine: header, load commands, dylibs, id, rpaths, uuid, minimum OS, segments, sections, entry source and the
 * symbol table counts.
 */
final class MachOOracleFacts {
    private MachOOracleFacts() {
    }

    static void compare(JsonNode o, MachOImage image, OracleFacts facts) {
        MachODetails d = image.macho();
        JsonNode m = o.path("macho");
        facts.check("machine", o.get("machine"), image.core().machineName());
        facts.check("macho.cputype", m.get("cputype"), d.header().cpuTypeName());
        facts.check("macho.cputype_raw", m.get("cputype_raw"), d.header().cpuType());
        facts.check("macho.filetype", m.get("filetype"), d.header().fileTypeName());
        // llvm-objdump prints a header without flags as 0x00000000
        List<String> flags = d.header().flagNames().isEmpty() ? List.of("0x00000000") : d.header().flagNames();
        facts.check("macho.flags", m.get("flags"), flags);
        facts.check("macho.flags_raw", m.get("flags_raw"), d.header().flags());

        JsonNode lc = m.path("load_commands");
        facts.check("load_commands.ncmds", lc.get("ncmds"), d.header().ncmds());
        facts.check("load_commands.sizeofcmds", lc.get("sizeofcmds"), d.header().sizeofcmds());
        List<String> names = new ArrayList<>();
        for (MachOLoadCommand c : d.loadCommands()) names.add(c.name());
        facts.check("load_commands.commands", lc.get("commands"), names);

        JsonNode dylibs = m.path("dylibs");
        facts.checkValue("dylibs.count", (long) dylibs.size(), (long) d.dylibs().size());
        for (int i = 0; i < Math.min(dylibs.size(), d.dylibs().size()); i++) {
            MachODylib lib = d.dylibs().get(i);
            facts.check("dylibs[" + i + "].cmd", dylibs.get(i).get("cmd"), lib.command());
            facts.check("dylibs[" + i + "].name", dylibs.get(i).get("name"), lib.name());
        }
        facts.check("id_dylib", m.get("id_dylib"), d.idDylib() == null ? null : d.idDylib().name());
        facts.check("rpaths", m.get("rpaths"), d.rpaths());
        facts.check("uuid", m.get("uuid"), d.uuid() == null ? null : d.uuid().uuid());

        JsonNode min = m.path("min_os");
        MachOBuildVersion v = d.buildVersion();
        if (min.isMissingNode() || min.isNull()) {
            facts.checkValue("min_os", null, v == null ? null : v.command());
        } else {
            facts.check("min_os.cmd", min.get("cmd"), v == null ? null : v.command());
            facts.check("min_os.platform", min.get("platform"), v == null ? null : v.platformName());
            facts.check("min_os.minos", min.get("minos"), d.minOs());
            facts.check("min_os.sdk", min.get("sdk"), v == null ? null : v.sdk());
        }

        JsonNode segs = m.path("segments");
        facts.checkValue("segments.count", (long) segs.size(), (long) d.segments().size());
        for (int i = 0; i < Math.min(segs.size(), d.segments().size()); i++) {
            JsonNode e = segs.get(i);
            MachOSegment s = d.segments().get(i);
            String p = "segments[" + i + "].";
            facts.check(p + "name", e.get("name"), s.name());
            facts.check(p + "vmaddr", e.get("vmaddr"), s.vmaddr());
            facts.check(p + "vmsize", e.get("vmsize"), s.vmsize());
            facts.check(p + "fileoff", e.get("fileoff"), s.fileoff());
            facts.check(p + "filesize", e.get("filesize"), s.filesize());
            facts.check(p + "nsects", e.get("nsects"), s.nsects());
        }

        JsonNode secs = o.path("sections");
        List<Section> sections = image.core().sections();
        facts.check("sections.count", secs.get("count"), sections.size());
        JsonNode list = secs.path("list");
        for (int i = 0; i < Math.min(list.size(), sections.size()); i++) {
            JsonNode e = list.get(i);
            Section s = sections.get(i);
            String p = "sections[" + i + "].";
            facts.check(p + "segment", e.get("segment"), s.segmentName());
            facts.check(p + "name", e.get("name"), s.name());
            facts.check(p + "vaddr", e.get("vaddr"), s.address());
            facts.check(p + "size", e.get("size"), s.memorySize());
            facts.check(p + "offset", e.get("offset"), d.sections().get(i).offset());
        }

        JsonNode source = m.get("entry_source");
        if (source != null) {
            facts.check("macho.entry_source", source, entrySource(d.entryPoint()));
        }

        JsonNode sym = o.path("symbols");
        facts.check("symbols.nsyms", sym.get("nsyms"), d.symtab() == null ? null : d.symtab().nsyms());
        facts.check("symbols.nlocalsym", sym.get("nlocalsym"), d.dysymtab() == null ? null : d.dysymtab().nlocalsym());
        facts.check("symbols.nextdefsym", sym.get("nextdefsym"), d.dysymtab() == null ? null : d.dysymtab().nextdefsym());
        facts.check("symbols.nundefsym", sym.get("nundefsym"), d.dysymtab() == null ? null : d.dysymtab().nundefsym());
        // llvm-nm leaves STAB entries out; common symbols are listed as defined (C)
        long defined = 0;
        long undefined = 0;
        for (MachONlist n : d.symbols()) {
            if (n.stab()) continue;
            if (n.undefined() && !n.common()) {
                undefined++;
            } else {
                defined++;
            }
        }
        facts.check("symbols.llvm_nm.defined", sym.path("llvm_nm").get("defined"), defined);
        facts.check("symbols.llvm_nm.undefined", sym.path("llvm_nm").get("undefined"), undefined);
    }

    /** The oracle's words for where the entry came from. */
    private static String entrySource(MachOEntryPoint e) {
        if (e == null) return null;
        if (e.source().equals("LC_MAIN")) return "LC_MAIN entryoff + __TEXT vmaddr";
        String reg = e.flavor() == null ? "?" : e.flavor().startsWith("x86_THREAD_STATE64") ? "rip"
                : e.flavor().startsWith("x86") ? "eip" : "pc";
        return e.source() + " " + reg;
    }
}
