package dev.crosslens.model.macho;

import dev.crosslens.model.Extent;

import java.util.List;

/**
 * LC_BUILD_VERSION or an LC_VERSION_MIN_* command: platform, minimum OS and SDK.
 *
 * @param command      {@code LC_BUILD_VERSION}, {@code LC_VERSION_MIN_MACOSX} ...
 * @param platform     raw PLATFORM_* number (for LC_VERSION_MIN_* the platform the command implies)
 * @param platformName llvm-objdump's spelling ({@code macos}, {@code ios}, {@code macCatalyst})
 * @param minOs        minimum OS version, {@code 11.0} or {@code 10.15.4}
 */
public record MachOBuildVersion(String command, long platform, String platformName, String minOs, String sdk,
                                List<MachOBuildTool> tools, Extent extent) {
    public MachOBuildVersion {
        tools = List.copyOf(tools);
    }
}
