package dev.crosslens.model.pe;

import dev.crosslens.model.Extent;

/**
 * VS_FIXEDFILEINFO; versions are the four 16-bit parts joined with dots ({@code 1.2.3.4}).
 *
 * @param fileOs   dwFileOS ({@code 0x40004} = VOS_NT_WINDOWS32)
 * @param fileType dwFileType (1 VFT_APP, 2 VFT_DLL, 3 VFT_DRV)
 */
public record PeFixedFileInfo(String fileVersion, String productVersion, long fileFlagsMask, long fileFlags,
                              long fileOs, long fileType, long fileSubtype, Extent extent) {
}
