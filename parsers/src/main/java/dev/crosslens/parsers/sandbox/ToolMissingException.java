package dev.crosslens.parsers.sandbox;

/** A tool a run needs is not installed; the message says how to install it. */
public final class ToolMissingException extends SandboxException {
    private final String tool;

    public ToolMissingException(String tool, String aptPackage, String why) {
        super(tool + " is not installed (" + why + "): apt-get install --no-install-recommends " + aptPackage);
        this.tool = tool;
    }

    public String tool() {
        return tool;
    }
}
