package dev.crosslens.parsers.analysis;

import dev.crosslens.model.BinaryImage;
import dev.crosslens.model.ElfImage;
import dev.crosslens.model.Extent;
import dev.crosslens.model.HardeningCheck;
import dev.crosslens.model.HardeningState;
import dev.crosslens.model.ImageCore;
import dev.crosslens.model.MachOImage;
import dev.crosslens.model.PeImage;
import dev.crosslens.model.Section;

/**
 * The one place the rules read format details: turns the parsers' format records into the small facts records
 * the rules own ({@link PeFacts}, {@link ElfFacts}, {@link MachOFacts}), so that the rules are tested with facts
 * built by hand and only this class follows the parsers' records.
 */
public final class FormatFacts {
    private FormatFacts() {
    }

    public static PeFacts pe(BinaryImage image) {
        if (!(image instanceof PeImage)) return null;
        ImageCore c = image.core();
        long dll = fromHardening(c);
        Section tls = c.section(".tls");
        return new PeFacts(c.bits() == 64, -1, dll, Extent.NONE, Extent.NONE, tls == null ? 0 : -1,
                tls == null ? Extent.NONE : tls.headerExtent(), null, null, signedFromHardening(c), c.extent());
    }

    public static ElfFacts elf(BinaryImage image) {
        if (!(image instanceof ElfImage)) return null;
        ImageCore c = image.core();
        Section dyn = c.section(".dynamic");
        return new ElfFacts(-1, "", Extent.NONE, dyn == null ? Extent.NONE : dyn.extent());
    }

    public static MachOFacts macho(BinaryImage image) {
        if (!(image instanceof MachOImage)) return null;
        ImageCore c = image.core();
        HardeningCheck sig = c.hardening("code-signature");
        Boolean signed = sig == null || sig.state() == HardeningState.UNKNOWN ? null
                : sig.state() == HardeningState.ENABLED;
        return new MachOFacts(null, "", Extent.NONE, signed, Extent.NONE);
    }

    /** DllCharacteristics rebuilt from the hardening checks when all three are known, else -1. */
    private static long fromHardening(ImageCore c) {
        Boolean aslr = state(c, "aslr");
        Boolean heva = state(c, "high-entropy-va");
        Boolean nx = state(c, "nx-compat");
        if (aslr == null || nx == null) return -1;
        long v = 0;
        if (aslr) v |= PeFacts.DYNAMIC_BASE;
        if (nx) v |= PeFacts.NX_COMPAT;
        if (Boolean.TRUE.equals(heva)) v |= PeFacts.HIGH_ENTROPY_VA;
        return v;
    }

    private static Boolean signedFromHardening(ImageCore c) {
        return state(c, "authenticode");
    }

    private static Boolean state(ImageCore c, String id) {
        HardeningCheck h = c.hardening(id);
        if (h == null) return null;
        if (h.state() == HardeningState.ENABLED) return true;
        if (h.state() == HardeningState.DISABLED) return false;
        return null;
    }
}
