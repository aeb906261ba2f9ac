package dev.crosslens.parsers.analysis;

import dev.crosslens.model.Extent;

/**
 * Where the bytes that say what an image is lie, for evidence a click can select (filled by {@link FormatFacts} for
 * every format; {@link Extent#NONE} where a format has no such field or the image was built by hand), and what its
 * symbol tables and debug info hold, decided from the image itself.
 *
 * @param machine            the machine field: ELF e_machine, COFF Machine, Mach-O cputype and cpusubtype
 * @param machineLabel       that field's name ({@code e_machine})
 * @param osMarker           what says which OS the format is for: ELF EI_OSABI, the PE signature, the Mach-O
 *                           platform load command (else the magic)
 * @param osMarkerLabel      that field's name ({@code EI_OSABI}, {@code PE signature}, {@code LC_BUILD_VERSION})
 * @param kind               the field that says what kind of image it is: ELF e_type, COFF Characteristics, Mach-O
 *                           filetype
 * @param kindLabel          that field's name
 * @param programHeaders     the ELF program header table, where PT_GNU_STACK or PT_GNU_RELRO would be listed
 * @param sectionHeaders     the ELF section header table or the PE section table
 * @param loadCommands       the Mach-O load commands, where LC_CODE_SIGNATURE or LC_SYMTAB would be
 * @param symbolTable        a static symbol table with entries of the image's own: ELF {@code .symtab}, COFF
 *                           symbols (NumberOfSymbols > 0), Mach-O nlist entries defined locally or STABs
 * @param symbolTableLabel   what was seen ({@code .symtab: 1843 entries}, {@code NumberOfSymbols 0})
 * @param symbolTableExtent  the .symtab section header, the COFF PointerToSymbolTable/NumberOfSymbols fields, the
 *                           LC_SYMTAB command (or, when there is none, the table that would list it)
 * @param dwarf              DWARF debug info: a {@code .debug_info}, {@code .zdebug_info} or {@code __debug_info}
 *                           / {@code __zdebug_info} section
 * @param dwarfLabel         what was seen ({@code .zdebug_info}, {@code no .debug_info or .zdebug_info section})
 * @param dwarfExtent        that section's header, or the table that would list it
 */
public record HeaderFacts(Extent machine, String machineLabel, Extent osMarker, String osMarkerLabel,
                          Extent kind, String kindLabel, Extent programHeaders, Extent sectionHeaders, Extent loadCommands, boolean symbolTable,
                          String symbolTableLabel, Extent symbolTableExtent, boolean dwarf, String dwarfLabel,
                          Extent dwarfExtent) {
    public HeaderFacts {
        machine = orNone(machine);
        machineLabel = machineLabel == null ? "machine" : machineLabel;
        osMarker = orNone(osMarker);
        osMarkerLabel = osMarkerLabel == null ? "OS" : osMarkerLabel;
        kind = orNone(kind);
        kindLabel = kindLabel == null ? "kind" : kindLabel;
        programHeaders = orNone(programHeaders);
        sectionHeaders = orNone(sectionHeaders);
        loadCommands = orNone(loadCommands);
        symbolTableLabel = symbolTableLabel == null ? "" : symbolTableLabel;
        symbolTableExtent = orNone(symbolTableExtent);
        dwarfLabel = dwarfLabel == null ? "" : dwarfLabel;
        dwarfExtent = orNone(dwarfExtent);
    }

    private static Extent orNone(Extent e) {
        return e == null ? Extent.NONE : e;
    }
}
