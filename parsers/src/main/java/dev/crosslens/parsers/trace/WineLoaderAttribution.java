package dev.crosslens.parsers.trace;

import dev.crosslens.model.trace.EventKind;
import dev.crosslens.model.trace.RiskLevel;
import dev.crosslens.model.trace.TraceEvent;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Tells Wine's loader from the program in the Linux trace of a Wine process. Wine maps every PE image (its own
 * DLLs, the program's .exe) the same way: an anonymous read-write-execute reservation of the image's size, then
 * the file mapped read-write-execute over it at the same address ({@code MAP_FIXED}) while it applies relocations,
 * then one {@code mprotect} per section to that section's protection. Those mappings are rated low with the reason
 * (not "RWX: shellcode or a JIT"), and the first {@code mprotect(PROT_READ|PROT_EXEC)} of each section's address
 * is the loader's. Its execs of its own binaries (wine64 re-executing itself through the preloader, the Linux side
 * of a CreateProcessW) are not "runs another program": the CreateProcessW is. An anonymous RWX mapping that no image mapping follows within a few calls of its thread, and a
 * later change of a section to executable, keep their rating: that is what a program's own VirtualAlloc /
 * VirtualProtect(PAGE_EXECUTE_READWRITE) looks like.
 *
 * <p>Holds an anonymous RWX mapping (and what comes after it, to keep the order) until its thread shows whether an
 * image follows. Not thread-safe; call {@link #finish()} at the end.
 */
public final class WineLoaderAttribution implements Consumer<TraceEvent> {
    /** Calls of the same thread within which the image mapping follows its reservation. */
    private static final int WINDOW = 12;
    private static final int MAX_HELD = 2_000;
    private static final Set<String> IMAGE_SUFFIXES = Set.of(".dll", ".exe", ".drv", ".sys", ".ocx", ".cpl", ".acm",
            ".ax", ".tlb", ".mui", ".com", ".efi", ".scr", ".tsp", ".ime", ".ds");

    private final Consumer<TraceEvent> next;
    private final Deque<Slot> queue = new ArrayDeque<>();
    /** Per process: images the loader mapped, and section addresses it already protected. */
    private final Map<Integer, List<Image>> images = new HashMap<>();
    private final Map<Integer, Set<Long>> protectedSections = new HashMap<>();

    private static final class Slot {
        TraceEvent event;
        boolean held;
        int left = WINDOW;
        long address;

        Slot(TraceEvent e) {
            event = e;
        }
    }

    private record Image(long start, long end, String name) {
    }

    private final boolean importsUnresolved;

    public WineLoaderAttribution(Consumer<TraceEvent> next) {
        this(next, false);
    }

    /**
     * @param importsUnresolved the program imports functions that do not resolve: Wine's loader then allocates a
     *                          64 KiB writable and executable block of stubs for them (ntdll's allocate_stub)
     */
    public WineLoaderAttribution(Consumer<TraceEvent> next, boolean importsUnresolved) {
        this.next = next;
        this.importsUnresolved = importsUnresolved;
    }

    @Override
    public void accept(TraceEvent e) {
        if (TraceFacts.isWineLoaderExec(e) && !TraceFacts.path(e).contains("wineserver")) {
            // wine64 re-executing itself (through its preloader) or starting the Linux side of a CreateProcessW
            e = e.withClassification(e.category(), RiskLevel.NONE, "", null).withNote("Wine's loader starts a "
                    + "Windows process (the program's CreateProcessW, if it made one, is the act)");
        }
        Slot slot = new Slot(e);
        for (Slot s : queue) {
            if (s.held && s.event.tid() == e.tid() && --s.left <= 0) noImageFollowed(s);
        }
        if (isRwxMap(e)) {
            String file = mappedFile(e);
            long addr = address(e.result());
            if (file == null && addr != 0) {
                slot.held = true;
                slot.address = addr;
            } else if (file != null && isImage(file)) {
                String name = TraceFacts.baseName(file);
                slot.event = loader(e, name);
                long len = address(e.argument(1));
                for (Slot s : queue) {
                    if (s.held && s.event.tid() == e.tid() && s.address == addr) {
                        s.event = loader(s.event, name);
                        s.held = false;
                        len = Math.max(len, address(s.event.argument(1)));
                    }
                }
                images.computeIfAbsent(e.pid(), k -> new ArrayList<>()).add(new Image(addr, addr + len, name));
            }
        } else if (isExecProtect(e)) {
            long addr = address(e.argument(0));
            Image img = imageAt(e.pid(), addr);
            if (img != null && protectedSections.computeIfAbsent(e.pid(), k -> new HashSet<>()).add(addr)) {
                slot.event = e.withClassification(e.category(), RiskLevel.NONE, "", e.windowsApi())
                        .withNote("Wine's loader sets the protection of a section of " + img.name());
            }
        }
        queue.add(slot);
        if (queue.size() > MAX_HELD && queue.peek().held) noImageFollowed(queue.peek());
        release();
    }

    /** Emits what is still held (the run ended). */
    public void finish() {
        for (Slot s : queue) {
            if (s.held) noImageFollowed(s);
        }
        release();
    }

    /** An anonymous RWX block no image mapping followed: the program's own, or the loader's stub block. */
    private void noImageFollowed(Slot s) {
        s.held = false;
        if (importsUnresolved && address(s.event.argument(1)) == STUB_BLOCK) {
            s.event = s.event.withClassification(s.event.category(), RiskLevel.LOW, STUB_REASON, s.event.windowsApi());
        }
    }

    private void release() {
        while (!queue.isEmpty() && !queue.peek().held) next.accept(queue.poll().event);
    }

    private static final long STUB_BLOCK = 0x10000;
    static final String STUB_REASON = "Wine's loader allocates its stubs for imports it could not resolve "
            + "(64 KiB, writable and executable; calling a stub aborts the process)";
    static final String LOADER_REASON = "Wine's loader maps a PE image writable and executable while it applies "
            + "relocations (each section gets its own protection next)";

    private static TraceEvent loader(TraceEvent e, String image) {
        return e.withClassification(e.category(), RiskLevel.LOW, LOADER_REASON, e.windowsApi())
                .withNote("image " + image);
    }

    private Image imageAt(int pid, long addr) {
        List<Image> list = images.get(pid);
        if (list == null) return null;
        for (Image i : list) {
            if (Long.compareUnsigned(addr, i.start()) >= 0 && Long.compareUnsigned(addr, i.end()) < 0) return i;
        }
        return null;
    }

    private static boolean isRwxMap(TraceEvent e) {
        return e.kind() == EventKind.CALL && !e.failed() && ("mmap".equals(e.name()) || "mmap2".equals(e.name()))
                && e.argument(2).contains("PROT_WRITE") && e.argument(2).contains("PROT_EXEC");
    }

    private static boolean isExecProtect(TraceEvent e) {
        return e.kind() == EventKind.CALL && !e.failed() && "mprotect".equals(e.name())
                && e.argument(2).contains("PROT_EXEC") && !e.argument(2).contains("PROT_WRITE");
    }

    /** The file an mmap maps ({@code 7</path>} with -yy), null for an anonymous mapping. */
    static String mappedFile(TraceEvent e) {
        String fd = e.argument(4);
        int lt = fd.indexOf('<');
        if (lt < 0 || !fd.endsWith(">")) return null;
        return fd.substring(lt + 1, fd.length() - 1);
    }

    static boolean isImage(String path) {
        String p = path.toLowerCase(Locale.ROOT);
        int dot = p.lastIndexOf('.');
        return dot > 0 && IMAGE_SUFFIXES.contains(p.substring(dot));
    }

    /** 0x1000 / 4096 -> the number; 0 when it is not one. */
    static long address(String s) {
        if (s == null || s.isEmpty()) return 0;
        try {
            return s.startsWith("0x") ? Long.parseUnsignedLong(s.substring(2), 16) : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
