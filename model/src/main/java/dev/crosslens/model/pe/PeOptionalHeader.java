package dev.crosslens.model.pe;

import dev.crosslens.model.Extent;

import java.util.List;

/**
 * IMAGE_OPTIONAL_HEADER32 / 64, widened. {@code baseOfData} is 0 for PE32+ (the field does not exist there).
 *
 * @param magic                  0x10b (PE32), 0x20b (PE32+), 0x107 (ROM)
 * @param subsystemName          {@code IMAGE_SUBSYSTEM_WINDOWS_CUI}, or {@code UNKNOWN (n)}
 * @param dllCharacteristicsFlags names of the set DllCharacteristics bits
 */
public record PeOptionalHeader(int magic, boolean pe32Plus, int majorLinkerVersion, int minorLinkerVersion,
                               long sizeOfCode, long sizeOfInitializedData, long sizeOfUninitializedData,
                               long addressOfEntryPoint, long baseOfCode, long baseOfData, long imageBase,
                               long sectionAlignment, long fileAlignment, int majorOperatingSystemVersion,
                               int minorOperatingSystemVersion, int majorImageVersion, int minorImageVersion,
                               int majorSubsystemVersion, int minorSubsystemVersion, long win32VersionValue,
                               long sizeOfImage, long sizeOfHeaders, long checkSum, int subsystem,
                               String subsystemName, int dllCharacteristics, List<String> dllCharacteristicsFlags,
                               long sizeOfStackReserve, long sizeOfStackCommit, long sizeOfHeapReserve,
                               long sizeOfHeapCommit, long loaderFlags, long numberOfRvaAndSizes, Extent extent) {
    public PeOptionalHeader {
        dllCharacteristicsFlags = List.copyOf(dllCharacteristicsFlags);
    }

    public String linkerVersion() {
        return majorLinkerVersion + "." + minorLinkerVersion;
    }

    public String operatingSystemVersion() {
        return majorOperatingSystemVersion + "." + minorOperatingSystemVersion;
    }

    public String subsystemVersion() {
        return majorSubsystemVersion + "." + minorSubsystemVersion;
    }
}
