package dev.crosslens.parsers.analysis;

import dev.crosslens.model.BinaryFile;
import dev.crosslens.model.BinaryImage;
import dev.crosslens.model.ImageCore;
import dev.crosslens.model.finding.BuildIntent;
import dev.crosslens.model.go.GoInfo;

/**
 * What a rule sees: one image of a file (the file itself, a fat slice or an archive member), where it sits, and
 * the target and build intent when the person stated them.
 *
 * @param file   the whole file (null in unit tests that check a bare image)
 * @param scope  "" for the top image, {@code slice arm64}, {@code member foo.o}, nested ones joined by " / "
 * @param target the target profile, null when none was chosen
 * @param intent what was meant to be built, {@link BuildIntent#NONE} when not stated
 * @param bytes  the file's raw bytes, null when they are not at hand
 * @param pe     PE facts, null for other formats ({@link FormatFacts} fills them; tests build them by hand)
 * @param header where the identifying header fields lie, and the symbol table and DWARF state (never null:
 *               read from the image when not given)
 */
public record RuleContext(BinaryFile file, BinaryImage image, String scope, TargetProfile target,
                          BuildIntent intent, FileBytes bytes, PeFacts pe, ElfFacts elf, MachOFacts macho,
                          HeaderFacts header) {
    public RuleContext {
        scope = scope == null ? "" : scope;
        intent = intent == null ? BuildIntent.NONE : intent;
        header = header == null ? FormatFacts.header(image) : header;
    }

    /** A context with the format facts read from the image. */
    public static RuleContext of(BinaryFile file, BinaryImage image, String scope, TargetProfile target,
                                 BuildIntent intent, FileBytes bytes) {
        return new RuleContext(file, image, scope, target, intent, bytes, FormatFacts.pe(image),
                FormatFacts.elf(image), FormatFacts.macho(image), FormatFacts.header(image));
    }

    public ImageCore core() {
        return image.core();
    }

    public GoInfo go() {
        return image.core().go();
    }

    public boolean isGo() {
        return image.core().go() != null;
    }

    /**
     * A Go binary, by its Go facts or, when Go analysis found none, by the sections only the Go linker writes
     * ({@code .go.buildinfo}, {@code .gopclntab}, {@code __gopclntab}).
     */
    public boolean isGoBinary() {
        if (isGo()) return true;
        ImageCore c = core();
        return c.section(".go.buildinfo") != null || c.section(".gopclntab") != null
                || c.section("__gopclntab") != null || c.section("__go_buildinfo") != null;
    }

    public RuleContext withPe(PeFacts facts) {
        return new RuleContext(file, image, scope, target, intent, bytes, facts, elf, macho, header);
    }

    public RuleContext withElf(ElfFacts facts) {
        return new RuleContext(file, image, scope, target, intent, bytes, pe, facts, macho, header);
    }

    public RuleContext withMachO(MachOFacts facts) {
        return new RuleContext(file, image, scope, target, intent, bytes, pe, elf, facts, header);
    }

    public RuleContext withTarget(TargetProfile t) {
        return new RuleContext(file, image, scope, t, intent, bytes, pe, elf, macho, header);
    }

    public RuleContext withIntent(BuildIntent i) {
        return new RuleContext(file, image, scope, target, i, bytes, pe, elf, macho, header);
    }
}
