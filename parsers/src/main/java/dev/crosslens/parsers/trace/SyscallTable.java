package dev.crosslens.parsers.trace;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Syscall numbers to names for one architecture, and errno numbers to names, from the generated tables in
 * {@code data/trace/syscalls/<arch>.tsv} and {@code data/trace/errno.tsv} (see their generate.sh).
 */
public final class SyscallTable {
    private static final String DIR = "/dev/crosslens/data/trace/";

    private final String arch;
    private final Map<Integer, String> names;
    private final Map<Integer, String> errnos;

    private SyscallTable(String arch, Map<Integer, String> names, Map<Integer, String> errnos) {
        this.arch = arch;
        this.names = Map.copyOf(names);
        this.errnos = Map.copyOf(errnos);
    }

    /**
     * @param arch table name: x86_64, i386, aarch64, riscv64, arm, mips, mipsle, mips64, mips64le, ppc64, ppc64le,
     *             s390x, loong64
     * @throws IllegalArgumentException when there is no table for it
     */
    public static SyscallTable forArch(String arch) {
        Map<Integer, String> t = read(DIR + "syscalls/" + arch + ".tsv");
        if (t == null) throw new IllegalArgumentException("no syscall table for " + arch);
        Map<Integer, String> e = read(DIR + "errno.tsv");
        return new SyscallTable(arch, t, e == null ? Map.of() : e);
    }

    /** The table name for a Crosslens arch, null where there is none. */
    public static String tableName(dev.crosslens.model.Arch a) {
        return switch (a) {
            case X86_64 -> "x86_64";
            case X86 -> "i386";
            case ARM64 -> "aarch64";
            case RISCV64 -> "riscv64";
            case ARM -> "arm";
            case MIPS -> "mips";
            case MIPSLE -> "mipsle";
            case MIPS64 -> "mips64";
            case MIPS64LE -> "mips64le";
            case PPC64 -> "ppc64";
            case PPC64LE -> "ppc64le";
            case S390X -> "s390x";
            case LOONGARCH64 -> "loong64";
            default -> null;
        };
    }

    private static Map<Integer, String> read(String resource) {
        try (InputStream in = SyscallTable.class.getResourceAsStream(resource)) {
            if (in == null) return null;
            Map<Integer, String> m = new HashMap<>();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                int tab = line.indexOf('\t');
                if (tab > 0) m.putIfAbsent(Integer.parseInt(line.substring(0, tab)), line.substring(tab + 1));
            }
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    public String arch() {
        return arch;
    }

    /** The syscall's name, or "syscall_N" when the table has no entry. */
    public String name(int number) {
        String n = names.get(number);
        return n != null ? n : "syscall_" + number;
    }

    public boolean knows(int number) {
        return names.containsKey(number);
    }

    /** "ENOENT" for 2; "E" + n when unknown. */
    public String errno(int number) {
        String n = errnos.get(number);
        return n != null ? n : "E" + number;
    }

    public int size() {
        return names.size();
    }
}
