package dev.crosslens.parsers.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosslens.model.ImageCore;
import dev.crosslens.model.PeImage;
import dev.crosslens.model.Section;
import dev.crosslens.model.pe.CoffSymbol;
import dev.crosslens.model.pe.PeDataDirectory;
import dev.crosslens.model.pe.PeDebugDirectoryEntry;
import dev.crosslens.model.pe.PeDetails;
import dev.crosslens.model.pe.PeExport;
import dev.crosslens.model.pe.PeImportDescriptor;
import dev.crosslens.model.pe.PeOptionalHeader;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Every PE fact of an llvm-readobj oracle against the engine's PE records. */
final class PeOracleFacts {
    private PeOracleFacts() {
    }

    static void compare(JsonNode o, PeImage image, OracleFacts facts) {
        ImageCore c = image.core();
        PeDetails d = image.pe();
        PeOptionalHeader opt = d.optionalHeader();
        JsonNode pe = o.path("pe");
        facts.check("machine", o.get("machine"), String.format("%s (0x%X)", c.machineName(), c.rawMachine()));
        if (opt == null) {
            facts.fail("no optional header: not a PE image", 1);
            return;
        }
        facts.check("pe.magic", pe.get("magic"), opt.pe32Plus() ? "PE32+" : "PE32");
        facts.check("pe.characteristics.value", pe.path("characteristics").get("value"),
                d.fileHeader().characteristics());
        facts.checkValue("pe.characteristics.flags", sorted(pe.path("characteristics").get("flags")),
                sortedStrings(d.fileHeader().characteristicsFlags()));
        facts.check("pe.timestamp", pe.get("timestamp"), d.fileHeader().timeDateStamp());
        facts.check("pe.image_base", pe.get("image_base"), opt.imageBase());
        facts.check("pe.entry_rva", pe.get("entry_rva"), opt.addressOfEntryPoint());
        facts.check("pe.linker_version", pe.get("linker_version"), opt.linkerVersion());
        facts.check("pe.os_version", pe.get("os_version"), opt.operatingSystemVersion());
        facts.check("pe.subsystem_version", pe.get("subsystem_version"), opt.subsystemVersion());
        facts.check("pe.subsystem", pe.get("subsystem"),
                String.format("%s (0x%X)", opt.subsystemName(), opt.subsystem()));
        facts.check("pe.dll_characteristics.value", pe.path("dll_characteristics").get("value"),
                opt.dllCharacteristics());
        facts.checkValue("pe.dll_characteristics.flags", sorted(pe.path("dll_characteristics").get("flags")),
                sortedStrings(opt.dllCharacteristicsFlags()));
        facts.check("pe.size_of_image", pe.get("size_of_image"), opt.sizeOfImage());

        Map<String, List<Long>> dirs = new LinkedHashMap<>();
        for (PeDataDirectory dd : d.dataDirectories()) {
            if (dd.present()) dirs.put(dd.name(), List.of(dd.rva(), dd.size()));
        }
        Map<String, List<Long>> expectedDirs = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = pe.path("data_directories").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            expectedDirs.put(e.getKey(), List.of(e.getValue().get(0).asLong(), e.getValue().get(1).asLong()));
        }
        facts.checkValue("pe.data_directories", expectedDirs.toString(), dirs.toString());

        compareImports("pe.imports", pe.path("imports"), d.imports(), facts);
        compareImports("pe.delay_imports", pe.path("delay_imports"), d.delayImports(), facts);

        JsonNode ex = pe.path("exports");
        List<PeExport> exports = d.exports() == null ? List.of() : d.exports().exports();
        // llvm-readobj lists every export address table slot, unused ones (RVA 0) too
        facts.check("pe.exports.count", ex.get("count"), d.exports() == null ? 0L : d.exports().numberOfFunctions());
        facts.check("pe.exports.named", ex.get("named"), exports.stream().filter(e -> e.name() != null).count());
        if (ex.has("names")) {
            facts.checkValue("pe.exports.names", sorted(ex.get("names")),
                    sortedStrings(exports.stream().filter(e -> e.name() != null).map(PeExport::name).toList()));
        }

        Map<String, Long> expectedRelocs = new TreeMap<>();
        pe.path("base_relocations_by_type").fields()
                .forEachRemaining(e -> expectedRelocs.put(e.getKey(), e.getValue().asLong()));
        facts.checkValue("pe.base_relocations_by_type", expectedRelocs.toString(),
                new TreeMap<>(d.baseRelocations().countsByType()).toString());

        facts.checkValue("pe.resource_types", OracleFacts.plain(pe.path("resource_types")),
                d.resourceTypes());
        facts.checkValue("pe.debug_directory_types", OracleFacts.plain(pe.path("debug_directory_types")),
                d.debugDirectory().stream().map(PeDebugDirectoryEntry::typeName).toList());
        String pdb = d.debugDirectory().stream().filter(e -> e.codeView() != null)
                .map(e -> e.codeView().pdbFileName()).findFirst().orElse(null);
        facts.check("pe.pdb_file_name", pe.get("pdb_file_name"), pdb);
        facts.check("pe.coff_symbol_count", pe.get("coff_symbol_count"), d.fileHeader().numberOfSymbols());
        facts.check("pe.coff_symbol_table_offset", pe.get("coff_symbol_table_offset"),
                d.fileHeader().pointerToSymbolTable());

        JsonNode secs = o.path("sections");
        facts.check("sections.count", secs.get("count"), c.sections().size());
        JsonNode list = secs.path("list");
        for (int i = 0; i < list.size(); i++) {
            JsonNode s = list.get(i);
            String tag = "sections[" + i + "]";
            if (i >= c.sections().size()) {
                facts.fail(tag + " missing", 5);
                continue;
            }
            Section got = c.sections().get(i);
            facts.check(tag + ".name", s.get("name"), got.name());
            facts.check(tag + ".vaddr", s.get("vaddr"), got.address());
            facts.check(tag + ".vsize", s.get("vsize"), got.memorySize());
            facts.check(tag + ".raw_size", s.get("raw_size"), got.fileSize());
            facts.check(tag + ".characteristics", s.get("characteristics"), got.flags());
        }

        JsonNode syms = o.path("symbols");
        facts.check("symbols.coff_symbol_count", syms.get("coff_symbol_count"), d.fileHeader().numberOfSymbols());
        long defined = 0;
        long undefined = 0;
        for (CoffSymbol s : d.coffSymbols()) {
            if (s.storageClass() == CoffSymbol.CLASS_FILE || sectionSymbol(s)) continue;
            if (s.sectionNumber() == 0 && s.value() == 0) undefined++;
            else defined++;
        }
        facts.check("symbols.llvm_nm.defined", syms.path("llvm_nm").get("defined"), defined);
        facts.check("symbols.llvm_nm.undefined", syms.path("llvm_nm").get("undefined"), undefined);
    }

    private static void compareImports(String fact, JsonNode expected, List<PeImportDescriptor> got,
                                       OracleFacts facts) {
        List<String> exp = new ArrayList<>();
        expected.forEach(n -> exp.add(n.path("dll").asText() + ":" + n.path("functions").asLong()));
        List<String> act = new ArrayList<>();
        got.forEach(g -> act.add(g.dllName() + ":" + g.functions().size()));
        facts.checkValue(fact, exp, act);
    }

    /** llvm-nm leaves out section symbols: static, value 0, with an auxiliary section definition. */
    private static boolean sectionSymbol(CoffSymbol s) {
        return s.storageClass() == CoffSymbol.CLASS_STATIC && s.value() == 0 && s.auxCount() > 0
                && s.sectionNumber() > 0;
    }

    private static List<String> sorted(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n != null) n.forEach(e -> out.add(e.asText()));
        out.sort(null);
        return out;
    }

    private static List<String> sortedStrings(List<String> in) {
        List<String> out = new ArrayList<>(in);
        out.sort(null);
        return out;
    }
}
