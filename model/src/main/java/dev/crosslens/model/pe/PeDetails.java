package dev.crosslens.model.pe;

import java.util.List;

/**
 * PE/COFF-specific structures of an image or object. Tables that are absent or could not be read are empty
 * (or null for single structures); the reason is a diagnostic on the image.
 *
 * @param dos            null for a COFF object
 * @param optionalHeader null for a COFF object
 * @param efi            the subsystem is an EFI one (application, boot/runtime driver, ROM)
 * @param cpe            a CPE 2.3 formatted string built from the version info, null when there is none
 * @param importObject   set only for a standalone short import object
 */
public record PeDetails(PeDosHeader dos, CoffFileHeader fileHeader, PeOptionalHeader optionalHeader,
                        List<PeDataDirectory> dataDirectories, List<PeSectionHeader> sections,
                        List<PeImportDescriptor> imports, List<PeImportDescriptor> delayImports,
                        PeExportDirectory exports, PeBaseRelocations baseRelocations, PeTlsDirectory tls,
                        List<PeDebugDirectoryEntry> debugDirectory, PeLoadConfig loadConfig,
                        PeSecurityDirectory security, List<CoffSymbol> coffSymbols, long stringTableSize,
                        List<CoffRelocation> objectRelocations, PeResourceNode resources,
                        PeVersionInfo versionInfo, PeManifest manifest, String cpe, boolean efi,
                        CoffImportObject importObject) {
    public PeDetails {
        dataDirectories = List.copyOf(dataDirectories);
        sections = List.copyOf(sections);
        imports = List.copyOf(imports);
        delayImports = List.copyOf(delayImports);
        baseRelocations = baseRelocations == null ? PeBaseRelocations.empty() : baseRelocations;
        debugDirectory = List.copyOf(debugDirectory);
        coffSymbols = List.copyOf(coffSymbols);
        objectRelocations = List.copyOf(objectRelocations);
    }

    /** The data directory by llvm-readobj name, or null. */
    public PeDataDirectory dataDirectory(String name) {
        for (PeDataDirectory d : dataDirectories) {
            if (d.name().equals(name)) return d;
        }
        return null;
    }

    /** Resource type labels in tree order ({@code RT_VERSION}, {@code RT_MANIFEST}). */
    public List<String> resourceTypes() {
        return resources == null ? List.of() : resources.children().stream().map(PeResourceNode::label).toList();
    }
}
