package dev.crosslens.parsers;

import dev.crosslens.parsers.io.ParseCancelledException;

/**
 * Limits and switches for a parse. Every count read from a file is checked against its cap before anything is
 * allocated (LIEF's {@code NB_MAX_*}); a count past its cap is a diagnostic, not an allocation.
 *
 * @param readRelocationEntries read every relocation entry (off: count them only, for a fast first screen)
 * @param goAnalysis            run Go build-info and pclntab analysis
 * @param demangle              fill in demangled names
 * @param maxDepth              nesting depth for fat slices and archive members
 * @param maxFixups             Mach-O rebases and chained fixups kept per image (each of the two tables)
 */
public record ParseOptions(int maxSections, int maxSegments, int maxSymbols, int maxRelocations,
                           int maxLoadCommands, int maxImports, int maxArchiveMembers, int maxResources,
                           int maxDepth, int maxFixups, boolean readRelocationEntries, boolean goAnalysis, boolean demangle,
                           ParseMonitor monitor) {
    public ParseOptions {
        monitor = monitor == null ? ParseMonitor.NONE : monitor;
    }

    /** The limits without a fixup cap of their own: {@code maxFixups} defaults to 2,000,000. */
    public ParseOptions(int maxSections, int maxSegments, int maxSymbols, int maxRelocations, int maxLoadCommands,
                        int maxImports, int maxArchiveMembers, int maxResources, int maxDepth,
                        boolean readRelocationEntries, boolean goAnalysis, boolean demangle, ParseMonitor monitor) {
        this(maxSections, maxSegments, maxSymbols, maxRelocations, maxLoadCommands, maxImports, maxArchiveMembers,
                maxResources, maxDepth, DEFAULT_MAX_FIXUPS, readRelocationEntries, goAnalysis, demangle, monitor);
    }

    private static final int DEFAULT_MAX_FIXUPS = 2_000_000;

    public static ParseOptions defaults() {
        return new ParseOptions(65_535, 65_535, 5_000_000, 20_000_000, 65_535, 1_000_000, 100_000, 100_000, 4,
                DEFAULT_MAX_FIXUPS, true, true, true, ParseMonitor.NONE);
    }

    public ParseOptions withMonitor(ParseMonitor m) {
        return new ParseOptions(maxSections, maxSegments, maxSymbols, maxRelocations, maxLoadCommands, maxImports,
                maxArchiveMembers, maxResources, maxDepth, maxFixups, readRelocationEntries, goAnalysis, demangle, m);
    }

    public ParseOptions withRelocationEntries(boolean read) {
        return new ParseOptions(maxSections, maxSegments, maxSymbols, maxRelocations, maxLoadCommands, maxImports,
                maxArchiveMembers, maxResources, maxDepth, maxFixups, read, goAnalysis, demangle, monitor);
    }

    public ParseOptions withGoAnalysis(boolean go) {
        return new ParseOptions(maxSections, maxSegments, maxSymbols, maxRelocations, maxLoadCommands, maxImports,
                maxArchiveMembers, maxResources, maxDepth, maxFixups, readRelocationEntries, go, demangle, monitor);
    }

    public ParseOptions withDemangle(boolean on) {
        return new ParseOptions(maxSections, maxSegments, maxSymbols, maxRelocations, maxLoadCommands, maxImports,
                maxArchiveMembers, maxResources, maxDepth, maxFixups, readRelocationEntries, goAnalysis, on, monitor);
    }

    public ParseOptions withMaxFixups(int max) {
        return new ParseOptions(maxSections, maxSegments, maxSymbols, maxRelocations, maxLoadCommands, maxImports,
                maxArchiveMembers, maxResources, maxDepth, max, readRelocationEntries, goAnalysis, demangle, monitor);
    }

    /** Long loops call this: throws when the thread was interrupted or the monitor says stop. */
    public void checkCancelled() throws ParseCancelledException {
        if (Thread.currentThread().isInterrupted() || monitor.isCancelled()) {
            throw new ParseCancelledException();
        }
    }
}
