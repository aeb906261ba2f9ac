package dev.crosslens.parsers;

import dev.crosslens.parsers.io.ParseCancelledException;
import dev.crosslens.model.BinaryFile;
import dev.crosslens.model.BinaryImage;
import dev.crosslens.model.FatImage;
import dev.crosslens.model.ArchiveImage;
import dev.crosslens.model.ImageCore;
import dev.crosslens.parsers.archive.ArchiveParser;
import dev.crosslens.parsers.demangle.SymbolDemangler;
import dev.crosslens.parsers.detect.DetectedFormat;
import dev.crosslens.parsers.detect.FormatDetector;
import dev.crosslens.parsers.elf.ElfParser;
import dev.crosslens.parsers.go.GoAnalyzer;
import dev.crosslens.parsers.io.ArrayByteSource;
import dev.crosslens.parsers.io.BinaryReader;
import dev.crosslens.parsers.io.ByteSource;
import dev.crosslens.parsers.io.MalformedBinaryException;
import dev.crosslens.parsers.io.MappedByteSource;
import dev.crosslens.parsers.io.UnsupportedFormatException;
import dev.crosslens.parsers.macho.FatMachOParser;
import dev.crosslens.parsers.macho.MachOParser;
import dev.crosslens.parsers.pe.CoffObjectParser;
import dev.crosslens.parsers.pe.PeParser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The one entry point of the engine (in the spirit of Go's {@code debug/buildinfo.ReadFile}): detect the format
 * by its magic, parse it, and enrich it with Go facts and readable names.
 *
 * <p>Only a file with no usable header is an exception ({@link MalformedBinaryException} with its offset, or
 * {@link UnsupportedFormatException} saying what the file is instead); everything else that is broken comes back
 * as diagnostics on a partial image.
 */
public final class Binaries {
    private Binaries() {
    }

    public static BinaryFile open(Path path) throws IOException {
        return open(path, ParseOptions.defaults());
    }

    public static BinaryFile open(Path path, ParseOptions options) throws IOException {
        if (Files.isDirectory(path)) {
            throw new UnsupportedFormatException("a directory");
        }
        try (MappedByteSource source = MappedByteSource.map(path)) {
            return parse(source, path.toString(), options);
        }
    }

    /** Parses bytes held in memory (tests, fuzzing, drag-and-drop of data). */
    public static BinaryFile parse(byte[] data, String name, ParseOptions options) throws IOException {
        return parse(new ArrayByteSource(data), name, options);
    }

    private static BinaryFile parse(ByteSource source, String name, ParseOptions options) throws IOException {
        BinaryReader reader = BinaryReader.of(source);
        BinaryImage image = openImage(reader, options, 0);
        String sha = sha256(source, options);
        options.monitor().progress("Parsed", 1, 1);
        return new BinaryFile(name, source.size(), sha, image);
    }

    /** Detects, parses and enriches the image in {@code reader}'s window. */
    static BinaryImage openImage(BinaryReader reader, ParseOptions options, int depth) throws IOException {
        options.checkCancelled();
        ParseMonitor m = options.monitor();
        if (depth == 0) m.progress("Detecting the format", 0, 4);
        FormatDetector detector = new FormatDetector();
        ImageOpener nested = window -> {
            if (depth + 1 > options.maxDepth()) {
                throw new MalformedBinaryException(window.base(), "nested deeper than " + options.maxDepth());
            }
            return openImage(window, options, depth + 1);
        };
        DetectedFormat format = detector.detect(reader);
        if (depth == 0) m.progress("Parsing " + format.name().replace('_', ' '), 1, 4);
        BinaryImage image = switch (format) {
            case ELF -> new ElfParser().parse(reader, options);
            case PE -> new PeParser().parse(reader, options);
            case COFF_OBJECT, COFF_IMPORT -> new CoffObjectParser().parse(reader, options);
            case MACHO -> new MachOParser().parse(reader, options);
            case FAT_MACHO -> new FatMachOParser().parse(reader, options, nested);
            case ARCHIVE -> new ArchiveParser().parse(reader, options, nested);
            case NOT_BINARY -> throw new UnsupportedFormatException(detector.describeNonBinary(reader));
        };
        return enrich(image, reader, options, depth);
    }

    private static BinaryImage enrich(BinaryImage image, BinaryReader reader, ParseOptions options, int depth)
            throws IOException {
        if (image instanceof FatImage || image instanceof ArchiveImage) {
            return image; // their children were enriched when they were opened
        }
        ImageCore core = image.core();
        if (options.goAnalysis()) {
            if (depth == 0) options.monitor().progress("Go analysis", 2, 4);
            core = new GoAnalyzer().analyze(image, reader, options);
        }
        if (options.demangle()) {
            if (depth == 0) options.monitor().progress("Demangling symbols", 3, 4);
            core = new SymbolDemangler().demangle(core);
        }
        return core == image.core() ? image : image.withCore(core);
    }

    /** Hashes the whole file, reporting every 4 MiB (the monitor's progress bar moves on a large file). */
    static String sha256(ByteSource source, ParseOptions options) throws ParseCancelledException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        byte[] buf = new byte[1 << 16];
        long size = source.size();
        for (long off = 0; off < size; off += buf.length) {
            if ((off & ((4L << 20) - 1)) == 0) {
                options.checkCancelled();
                options.monitor().progress("Hashing", off, size);
            }
            int n = (int) Math.min(buf.length, size - off);
            source.read(off, buf, 0, n);
            md.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
