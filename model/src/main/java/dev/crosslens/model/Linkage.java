package dev.crosslens.model;

/**
 * How an image gets its code at run time.
 *
 * @param dynamic     true when a loader must bind libraries (NEEDED, PE imports, LC_LOAD_DYLIB)
 * @param interpreter the ELF PT_INTERP path (or Mach-O LC_LOAD_DYLINKER), null where there is none
 * @param libc        the C runtime the image links against
 * @param evidence    how the libc flavour was decided, for people ("PT_INTERP /lib/ld-musl-x86_64.so.1")
 */
public record Linkage(boolean dynamic, String interpreter, LibcFlavor libc, String evidence) {
    public Linkage {
        libc = libc == null ? LibcFlavor.UNKNOWN : libc;
        evidence = evidence == null ? "" : evidence;
    }

    public static Linkage unknown() {
        return new Linkage(false, null, LibcFlavor.UNKNOWN, "");
    }
}
