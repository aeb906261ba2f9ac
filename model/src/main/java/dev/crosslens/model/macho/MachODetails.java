package dev.crosslens.model.macho;

import java.util.ArrayList;
import java.util.List;

/**
 * Mach-O-specific structures of one thin image: the header, every load command, and what the known commands
 * say. Absent commands are null (single) or empty (lists).
 *
 * @param dylinker     LC_LOAD_DYLINKER path, null when absent
 * @param buildVersion LC_BUILD_VERSION, else the first LC_VERSION_MIN_*, null when neither
 * @param exports      the export trie (LC_DYLD_EXPORTS_TRIE, else LC_DYLD_INFO export_off), in trie order
 * @param rebases      the LC_DYLD_INFO rebase opcodes, decoded (empty when relocation entries are not read)
 */
public record MachODetails(MachOHeader header, List<MachOLoadCommand> loadCommands, List<MachOSegment> segments,
                           List<MachODylib> dylibs, MachODylib idDylib, String dylinker, List<String> rpaths,
                           MachOUuid uuid, MachOBuildVersion buildVersion, List<MachOBuildVersion> versionCommands,
                           MachOEntryPoint entryPoint, MachOCodeSignature codeSignature, MachOSymtab symtab,
                           MachODysymtab dysymtab, List<MachONlist> symbols, MachODyldInfo dyldInfo,
                           List<MachOBinding> bindings, MachOChainedFixups chainedFixups, List<MachOExport> exports,
                           List<MachORebase> rebases) {
    public MachODetails {
        loadCommands = List.copyOf(loadCommands);
        segments = List.copyOf(segments);
        dylibs = List.copyOf(dylibs);
        rpaths = List.copyOf(rpaths);
        versionCommands = List.copyOf(versionCommands);
        symbols = List.copyOf(symbols);
        bindings = List.copyOf(bindings);
        exports = List.copyOf(exports);
        rebases = List.copyOf(rebases);
    }

    /** The minimum OS version ({@code 11.0}), null when no version command says. */
    public String minOs() {
        return buildVersion == null ? null : buildVersion.minOs();
    }

    /** Every section of every segment, in load command order (section numbers n_sect count from 1). */
    public List<MachOSection> sections() {
        List<MachOSection> out = new ArrayList<>();
        for (MachOSegment s : segments) {
            out.addAll(s.sections());
        }
        return out;
    }

    public MachOSegment segment(String name) {
        for (MachOSegment s : segments) {
            if (s.name().equals(name)) return s;
        }
        return null;
    }
}
