package dev.crosslens.model.macho;

/** A build_tool_version of LC_BUILD_VERSION ({@code ld 1053.12}). */
public record MachOBuildTool(long tool, String toolName, String version) {
}
