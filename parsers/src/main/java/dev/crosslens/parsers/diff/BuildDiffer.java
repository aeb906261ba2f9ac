package dev.crosslens.parsers.diff;

import dev.crosslens.model.BinaryImage;
import dev.crosslens.model.ElfImage;
import dev.crosslens.model.HardeningCheck;
import dev.crosslens.model.MachOImage;
import dev.crosslens.model.PeImage;
import dev.crosslens.model.HardeningState;
import dev.crosslens.model.ImageCore;
import dev.crosslens.model.ImportedSymbol;
import dev.crosslens.model.Library;
import dev.crosslens.model.Section;
import dev.crosslens.model.Segment;
import dev.crosslens.model.Symbol;
import dev.crosslens.model.SymbolTable;
import dev.crosslens.model.diff.BuildDiff;
import dev.crosslens.model.diff.ChangeKind;
import dev.crosslens.model.diff.FieldChange;
import dev.crosslens.model.diff.FindingChange;
import dev.crosslens.model.finding.Finding;
import dev.crosslens.model.diff.GoModuleChange;
import dev.crosslens.model.diff.HardeningChange;
import dev.crosslens.model.diff.LibraryChange;
import dev.crosslens.model.diff.SizeChange;
import dev.crosslens.model.diff.SizeTotals;
import dev.crosslens.model.diff.SymbolChange;
import dev.crosslens.model.elf.ElfDetails;
import dev.crosslens.model.elf.ElfNote;
import dev.crosslens.model.go.GoBuildInfo;
import dev.crosslens.model.go.GoInfo;
import dev.crosslens.model.go.GoModule;
import dev.crosslens.model.go.GoSetting;
import dev.crosslens.model.pe.PeDebugDirectoryEntry;
import dev.crosslens.model.pe.PeDetails;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Compares two images and returns every semantic difference by area, with the consequences that explain
 * groups of changes and the noise kept apart. Stateless: one instance may diff many pairs.
 */
public final class BuildDiffer {
    /** Go build settings that differ on every build without meaning. */
    private static final Set<String> NOISY_GO_SETTINGS = Set.of("vcs.time");
    /** The pseudo-section that makes file-size rows add up to the whole file (headers, padding, tables). */
    public static final String UNSECTIONED = "[headers, gaps and unsectioned data]";

    public BuildDiff diff(DiffSide oldSide, DiffSide newSide) {
        return diff(oldSide, newSide, List.of(), List.of());
    }

    /**
     * The diff with the findings of each side (from the findings engine) compared too: a finding is matched by
     * rule id, scope and title, so one that only moved is no change.
     */
    public BuildDiff diff(DiffSide oldSide, DiffSide newSide, List<Finding> oldFindings, List<Finding> newFindings) {
        ImageCore a = oldSide.image().core();
        ImageCore b = newSide.image().core();
        List<FieldChange> noise = new ArrayList<>();
        List<FieldChange> identity = identity(a, b, noise);
        if (!oldSide.slices().isEmpty() || !newSide.slices().isEmpty()) {
            // a universal file that gained or lost an architecture, or a thin file that became universal
            field(identity, "universal slices", slices(oldSide), slices(newSide));
        }
        List<SymbolChange> symbols = symbols(a.symbols(), b.symbols(), noise);
        List<SizeChange> sections = new ArrayList<>();
        SizeTotals totals = sections(a, b, oldSide.fileSize(), newSide.fileSize(), sections);
        List<SizeChange> segments = segments(a.segments(), b.segments());
        List<LibraryChange> libraries = libraries(a.libraries(), b.libraries());
        List<FieldChange> rpaths = rpaths(oldSide.image(), newSide.image());
        List<FieldChange> goSettings = goSettings(a.go(), b.go(), noise);
        List<GoModuleChange> goModules = goModules(a.go(), b.go());
        List<HardeningChange> hardening = hardening(a.hardening(), b.hardening());
        formatNoise(oldSide.image(), newSide.image(), noise);
        BuildDiff draft = new BuildDiff(oldSide.name(), newSide.name(), identity, symbols, sections, segments,
                totals, libraries, rpaths, goSettings, goModules, hardening, List.of(), List.of(), noise);
        return new BuildDiff(draft.oldName(), draft.newName(), identity, symbols, sections, segments, totals,
                libraries, rpaths, goSettings, goModules, hardening, findings(oldFindings, newFindings),
                new ConsequenceFinder().explain(draft, a, b), noise);
    }

    // ---- identity ------------------------------------------------------------------------------------------

    private static List<FieldChange> identity(ImageCore a, ImageCore b, List<FieldChange> noise) {
        List<FieldChange> out = new ArrayList<>();
        field(out, "format", a.format().label(), b.format().label());
        field(out, "arch", a.arch().label(), b.arch().label());
        field(out, "bits", String.valueOf(a.bits()), String.valueOf(b.bits()));
        field(out, "endianness", a.endianness().name().toLowerCase(Locale.ROOT),
                b.endianness().name().toLowerCase(Locale.ROOT));
        field(out, "kind", a.kind().label(), b.kind().label());
        field(out, "os", a.os().goos(), b.os().goos());
        field(out, "linkage", a.linkage().dynamic() ? "dynamic" : "static",
                b.linkage().dynamic() ? "dynamic" : "static");
        field(out, "interpreter", a.linkage().interpreter(), b.linkage().interpreter());
        field(out, "libc", a.linkage().libc().label(), b.linkage().libc().label());
        field(out, "stripped", String.valueOf(a.stripped()), String.valueOf(b.stripped()));
        // the entry address moves with any code change: kept, but as noise
        String ea = a.entry() == null ? null : "0x" + Long.toHexString(a.entry());
        String eb = b.entry() == null ? null : "0x" + Long.toHexString(b.entry());
        if (!Objects.equals(ea, eb)) noise.add(new FieldChange("entry", ea, eb, true));
        return out;
    }

    private static String slices(DiffSide side) {
        return side.slices().isEmpty() ? "(thin file)" : String.join(", ", side.slices());
    }

    private static void field(List<FieldChange> out, String name, String a, String b) {
        if (!Objects.equals(a, b)) out.add(new FieldChange(name, a, b, false));
    }

    // ---- findings ------------------------------------------------------------------------------------------

    static List<FindingChange> findings(List<Finding> oldFindings, List<Finding> newFindings) {
        Function<Finding, String> key = f -> f.id() + "\u0000" + f.scope() + "\u0000" + f.title();
        Map<String, Deque<Finding>> pending = new LinkedHashMap<>();
        for (Finding f : oldFindings) pending.computeIfAbsent(key.apply(f), k -> new ArrayDeque<>()).add(f);
        List<FindingChange> out = new ArrayList<>();
        for (Finding f : newFindings) {
            Deque<Finding> q = pending.get(key.apply(f));
            if (q == null || q.poll() == null) {
                out.add(new FindingChange(ChangeKind.ADDED, f.id(), f.severity(), f.title()));
            }
        }
        for (Deque<Finding> q : pending.values()) {
            for (Finding f : q) out.add(new FindingChange(ChangeKind.REMOVED, f.id(), f.severity(), f.title()));
        }
        return out;
    }

    // ---- noise from the format's own records ---------------------------------------------------------------

    /**
     * Values every build stamps afresh without meaning: GNU build id and Go build id notes, PE link timestamp,
     * checksum and debug-directory stamps, the CodeView GUID/age that ties an image to its PDB, the Mach-O UUID.
     */
    private static void formatNoise(BinaryImage a, BinaryImage b, List<FieldChange> noise) {
        if (a instanceof ElfImage ea && b instanceof ElfImage eb && ea.elf() != null && eb.elf() != null) {
            noiseField(noise, "GNU build id", ea.elf().gnuBuildId(), eb.elf().gnuBuildId());
            noiseField(noise, "Go build id", goBuildIdNote(ea.elf()), goBuildIdNote(eb.elf()));
        } else if (a instanceof PeImage pa && b instanceof PeImage pb && pa.pe() != null && pb.pe() != null) {
            PeDetails x = pa.pe();
            PeDetails y = pb.pe();
            noiseField(noise, "PE timestamp", x.fileHeader() == null ? null : stamp(x.fileHeader().timeDateStamp()),
                    y.fileHeader() == null ? null : stamp(y.fileHeader().timeDateStamp()));
            noiseField(noise, "PE checksum", x.optionalHeader() == null ? null : hex(x.optionalHeader().checkSum()),
                    y.optionalHeader() == null ? null : hex(y.optionalHeader().checkSum()));
            noiseField(noise, "debug directory timestamp", debugStamp(x), debugStamp(y));
            noiseField(noise, "CodeView GUID/age", codeView(x), codeView(y));
            noiseField(noise, "export directory timestamp",
                    x.exports() == null ? null : stamp(x.exports().timeDateStamp()),
                    y.exports() == null ? null : stamp(y.exports().timeDateStamp()));
        } else if (a instanceof MachOImage ma && b instanceof MachOImage mb && ma.macho() != null
                && mb.macho() != null) {
            noiseField(noise, "Mach-O UUID", ma.macho().uuid() == null ? null : ma.macho().uuid().uuid(),
                    mb.macho().uuid() == null ? null : mb.macho().uuid().uuid());
        }
    }

    private static void noiseField(List<FieldChange> noise, String name, String a, String b) {
        if (!Objects.equals(a, b)) noise.add(new FieldChange(name, a, b, true));
    }

    private static String goBuildIdNote(ElfDetails elf) {
        for (ElfNote n : elf.notes()) {
            if (n.owner().equals("Go") && n.type() == 4) return n.summary();
        }
        return null;
    }

    private static String debugStamp(PeDetails pe) {
        for (PeDebugDirectoryEntry e : pe.debugDirectory()) {
            if (e.timeDateStamp() != 0) return stamp(e.timeDateStamp());
        }
        return null;
    }

    private static String codeView(PeDetails pe) {
        for (PeDebugDirectoryEntry e : pe.debugDirectory()) {
            if (e.codeView() != null) return e.codeView().guid() + "/" + e.codeView().age();
        }
        return null;
    }

    /** A 32-bit time_t as people read it; 0 (reproducible builds) stays 0. */
    private static String stamp(long secs) {
        return secs == 0 ? "0" : Instant.ofEpochSecond(secs).toString();
    }

    private static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    // ---- symbols -------------------------------------------------------------------------------------------

    private static List<SymbolChange> symbols(List<Symbol> oldSyms, List<Symbol> newSyms, List<FieldChange> noise) {
        Map<SymbolTable, List<Symbol>> oldBy = byTable(oldSyms);
        Map<SymbolTable, List<Symbol>> newBy = byTable(newSyms);
        Set<SymbolTable> tables = new LinkedHashSet<>(oldBy.keySet());
        tables.addAll(newBy.keySet());
        List<SymbolChange> out = new ArrayList<>();
        for (SymbolTable t : tables) {
            diffTable(t, oldBy.getOrDefault(t, List.of()), newBy.getOrDefault(t, List.of()), out, noise);
        }
        return out;
    }

    private static Map<SymbolTable, List<Symbol>> byTable(List<Symbol> syms) {
        Map<SymbolTable, List<Symbol>> m = new EnumMap<>(SymbolTable.class);
        for (Symbol s : syms) {
            m.computeIfAbsent(s.table(), k -> new ArrayList<>()).add(s);
        }
        return m;
    }

    private static void diffTable(SymbolTable table, List<Symbol> oldSyms, List<Symbol> newSyms,
                                  List<SymbolChange> out, List<FieldChange> noise) {
        Function<Symbol, String> key = s -> s.name() + (s.version() == null ? "" : "@" + s.version())
                + (s.library() == null ? "" : "<" + s.library().toLowerCase(Locale.ROOT));
        Map<String, Deque<Symbol>> pending = new LinkedHashMap<>();
        for (Symbol s : oldSyms) {
            pending.computeIfAbsent(key.apply(s), k -> new ArrayDeque<>()).add(s);
        }
        List<Symbol> added = new ArrayList<>();
        for (Symbol s : newSyms) {
            Deque<Symbol> q = pending.get(key.apply(s));
            if (q == null || q.isEmpty()) {
                added.add(s);
                continue;
            }
            Symbol old = q.poll();
            List<String> fields = changedFields(old, s);
            if (!fields.isEmpty()) out.add(new SymbolChange(ChangeKind.CHANGED, table, s.name(), old, s, fields));
        }
        List<Symbol> removed = new ArrayList<>();
        pending.values().forEach(removed::addAll);
        matchRenamed(table, removed, added, out, noise);
    }

    /**
     * Pairs removed and added symbols that are the same thing under another raw name: the same demangled name
     * (a Rust hash moved), a version bump of one import ({@code memcpy@GLIBC_2.2.5 -> memcpy@GLIBC_2.14}), or
     * a FILE symbol whose path differs only in its directory (a build path prefix: noise).
     */
    private static void matchRenamed(SymbolTable table, List<Symbol> removed, List<Symbol> added,
                                     List<SymbolChange> out, List<FieldChange> noise) {
        Map<String, Deque<Symbol>> byReadable = new LinkedHashMap<>();
        for (Symbol s : removed) {
            byReadable.computeIfAbsent(readableKey(s), k -> new ArrayDeque<>()).add(s);
        }
        for (Symbol s : added) {
            Deque<Symbol> q = byReadable.get(readableKey(s));
            Symbol old = q == null ? null : q.poll();
            if (old == null) {
                out.add(new SymbolChange(ChangeKind.ADDED, table, s.name(), null, s, List.of()));
            } else if (s.type() == dev.crosslens.model.SymbolType.FILE) {
                noise.add(new FieldChange("file symbol path", old.name(), s.name(), true));
            } else {
                List<String> fields = new ArrayList<>(changedFields(old, s));
                if (!old.name().equals(s.name())) fields.add(0, "name");
                out.add(new SymbolChange(ChangeKind.CHANGED, table, s.name(), old, s, fields));
            }
        }
        for (Deque<Symbol> q : byReadable.values()) {
            for (Symbol s : q) {
                out.add(new SymbolChange(ChangeKind.REMOVED, table, s.name(), s, null, List.of()));
            }
        }
    }

    private static String readableKey(Symbol s) {
        if (s.type() == dev.crosslens.model.SymbolType.FILE) {
            String n = s.name();
            int slash = Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\'));
            return "file:" + n.substring(slash + 1);
        }
        return "sym:" + s.displayName() + "<" + (s.library() == null ? "" : s.library().toLowerCase(Locale.ROOT));
    }

    private static List<String> changedFields(Symbol a, Symbol b) {
        List<String> f = new ArrayList<>(4);
        if (a.size() != b.size()) f.add("size");
        if (a.type() != b.type()) f.add("type");
        if (a.binding() != b.binding()) f.add("binding");
        if (!a.visibility().equals(b.visibility())) f.add("visibility");
        if (!Objects.equals(a.version(), b.version())) f.add("version");
        if (!a.section().equals(b.section())) f.add("section");
        if (a.defined() != b.defined()) f.add("defined");
        return f;
    }

    // ---- sections and segments -----------------------------------------------------------------------------

    private static SizeTotals sections(ImageCore a, ImageCore b, long oldFile, long newFile, List<SizeChange> out) {
        Map<String, Deque<Section>> pending = new LinkedHashMap<>();
        for (Section s : a.sections()) {
            if (isNullSection(s)) continue;
            pending.computeIfAbsent(s.qualifiedName(), k -> new ArrayDeque<>()).add(s);
        }
        List<Section> unmatched = new ArrayList<>();
        long oldSectioned = 0;
        long newSectioned = 0;
        long oldVm = 0;
        long newVm = 0;
        for (Section s : a.sections()) {
            if (isNullSection(s)) continue;
            oldSectioned += s.fileSize();
            oldVm += vmSize(s);
        }
        for (Section s : b.sections()) {
            if (isNullSection(s)) continue;
            newSectioned += s.fileSize();
            newVm += vmSize(s);
            Deque<Section> q = pending.get(s.qualifiedName());
            Section old = q == null ? null : q.poll();
            if (old == null) {
                unmatched.add(s);
            } else if (old.fileSize() != s.fileSize() || vmSize(old) != vmSize(s)
                    || !old.permissions().equals(s.permissions())) {
                out.add(new SizeChange(ChangeKind.CHANGED, s.qualifiedName(), old.fileSize(), s.fileSize(),
                        vmSize(old), vmSize(s), old.permissions().label(), s.permissions().label(), old.extent(),
                        s.extent()));
            }
        }
        for (Section s : unmatched) {
            // A section the linker moved to another segment (Mach-O __gopclntab from __TEXT to __DATA_CONST)
            // is one section that changed place, not one removed and one added.
            Section moved = s.qualifiedName().equals(s.name()) ? null : takeByPlainName(pending, s.name());
            if (moved == null) {
                out.add(new SizeChange(ChangeKind.ADDED, s.qualifiedName(), 0, s.fileSize(), 0, vmSize(s), null,
                        s.permissions().label(), null, s.extent()));
            } else {
                out.add(new SizeChange(ChangeKind.CHANGED, moved.qualifiedName() + " -> " + s.qualifiedName(),
                        moved.fileSize(), s.fileSize(), vmSize(moved), vmSize(s), moved.permissions().label(),
                        s.permissions().label(), moved.extent(), s.extent()));
            }
        }
        for (Deque<Section> q : pending.values()) {
            for (Section s : q) {
                out.add(new SizeChange(ChangeKind.REMOVED, s.qualifiedName(), s.fileSize(), 0, vmSize(s), 0,
                        s.permissions().label(), null, s.extent(), null));
            }
        }
        // Sections can overlap the headers or each other (Mach-O __text starts inside __TEXT's header page, ELF
        // NOTE sections sit inside the first page), so the pseudo-row is what is left to make totals add up.
        long oldRest = oldFile - oldSectioned;
        long newRest = newFile - newSectioned;
        if (oldRest != newRest) {
            out.add(new SizeChange(ChangeKind.CHANGED, UNSECTIONED, oldRest, newRest, 0, 0, null, null, null, null));
        }
        return new SizeTotals(oldFile, newFile, oldVm, newVm);
    }

    /** The first old section not matched yet whose name (without its segment) is {@code name}, taken out. */
    private static Section takeByPlainName(Map<String, Deque<Section>> pending, String name) {
        for (Deque<Section> q : pending.values()) {
            for (java.util.Iterator<Section> it = q.iterator(); it.hasNext(); ) {
                Section s = it.next();
                if (s.name().equals(name) && !s.qualifiedName().equals(s.name())) {
                    it.remove();
                    return s;
                }
            }
        }
        return null;
    }

    private static boolean isNullSection(Section s) {
        return s.index() == 0 && s.name().isEmpty() && s.type().equals("NULL");
    }

    /** Memory a section occupies when loaded: 0 for sections that are not mapped (ELF non-ALLOC). */
    private static long vmSize(Section s) {
        return s.address() != 0 || s.permissions().read() ? s.memorySize() : 0;
    }

    private static List<SizeChange> segments(List<Segment> oldSegs, List<Segment> newSegs) {
        Map<String, Segment> olds = keyedSegments(oldSegs);
        Map<String, Segment> news = keyedSegments(newSegs);
        List<SizeChange> out = new ArrayList<>();
        for (Map.Entry<String, Segment> e : news.entrySet()) {
            Segment o = olds.remove(e.getKey());
            Segment n = e.getValue();
            if (o == null) {
                out.add(new SizeChange(ChangeKind.ADDED, e.getKey(), 0, n.fileSize(), 0, n.memorySize(), null,
                        n.permissions().label(), null, n.extent()));
            } else if (o.fileSize() != n.fileSize() || o.memorySize() != n.memorySize()
                    || !o.permissions().equals(n.permissions())) {
                out.add(new SizeChange(ChangeKind.CHANGED, e.getKey(), o.fileSize(), n.fileSize(), o.memorySize(),
                        n.memorySize(), o.permissions().label(), n.permissions().label(), o.extent(), n.extent()));
            }
        }
        for (Map.Entry<String, Segment> e : olds.entrySet()) {
            Segment o = e.getValue();
            out.add(new SizeChange(ChangeKind.REMOVED, e.getKey(), o.fileSize(), 0, o.memorySize(), 0,
                    o.permissions().label(), null, o.extent(), null));
        }
        return out;
    }

    /** Segments keyed by type and their ordinal within it: LOAD#0, LOAD#1, GNU_STACK, __TEXT. */
    private static Map<String, Segment> keyedSegments(List<Segment> segs) {
        Map<String, Integer> seen = new LinkedHashMap<>();
        Map<String, Segment> out = new LinkedHashMap<>();
        for (Segment s : segs) {
            int n = seen.merge(s.type(), 1, Integer::sum) - 1;
            out.put(n == 0 ? s.type() : s.type() + "#" + n, s);
        }
        return out;
    }

    // ---- libraries and rpaths ------------------------------------------------------------------------------

    private static List<LibraryChange> libraries(List<Library> oldLibs, List<Library> newLibs) {
        Map<String, Library> olds = new LinkedHashMap<>();
        for (Library l : oldLibs) olds.putIfAbsent(l.name().toLowerCase(Locale.ROOT), l);
        List<LibraryChange> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Library n : newLibs) {
            String k = n.name().toLowerCase(Locale.ROOT);
            if (!seen.add(k)) continue;
            Library o = olds.remove(k);
            if (o == null) {
                out.add(new LibraryChange(ChangeKind.ADDED, n.name(), labels(n), List.of()));
                continue;
            }
            Set<String> before = new TreeSet<>(labels(o));
            Set<String> after = new TreeSet<>(labels(n));
            List<String> plus = after.stream().filter(x -> !before.contains(x)).toList();
            List<String> minus = before.stream().filter(x -> !after.contains(x)).toList();
            if (!plus.isEmpty() || !minus.isEmpty()) {
                out.add(new LibraryChange(ChangeKind.CHANGED, n.name(), plus, minus));
            }
        }
        for (Library o : olds.values()) {
            out.add(new LibraryChange(ChangeKind.REMOVED, o.name(), List.of(), labels(o)));
        }
        return out;
    }

    private static List<String> labels(Library l) {
        List<String> out = new ArrayList<>(l.imports().size());
        for (ImportedSymbol s : l.imports()) out.add(s.label());
        return out;
    }

    /**
     * ELF: DT_RPATH and DT_RUNPATH as the strings readelf prints, each its own field (ld.so searches RPATH before
     * LD_LIBRARY_PATH and for every dependency, RUNPATH after it and for the object's own NEEDED only, so a move
     * from one to the other is a change even with the same directories). Elsewhere (Mach-O LC_RPATH) the entries
     * added and removed.
     */
    private static List<FieldChange> rpaths(BinaryImage oldImage, BinaryImage newImage) {
        List<FieldChange> out = new ArrayList<>();
        if (oldImage instanceof ElfImage a && newImage instanceof ElfImage b && a.elf() != null && b.elf() != null) {
            field(out, "RPATH", a.elf().rpath(), b.elf().rpath());
            field(out, "RUNPATH", a.elf().runpath(), b.elf().runpath());
            return out;
        }
        List<String> a = oldImage.core().rpaths();
        List<String> b = newImage.core().rpaths();
        for (String p : b) if (!a.contains(p)) out.add(new FieldChange("rpath", null, p, false));
        for (String p : a) if (!b.contains(p)) out.add(new FieldChange("rpath", p, null, false));
        return out;
    }

    // ---- Go ------------------------------------------------------------------------------------------------

    private static List<FieldChange> goSettings(GoInfo a, GoInfo b, List<FieldChange> noise) {
        List<FieldChange> out = new ArrayList<>();
        field(out, "Go", a == null ? null : String.valueOf(a.version()), b == null ? null : String.valueOf(b.version()));
        GoBuildInfo ba = a == null ? null : a.buildInfo();
        GoBuildInfo bb = b == null ? null : b.buildInfo();
        if (ba == null && bb == null) return out;
        field(out, "Go build info", ba == null ? "absent" : "present", bb == null ? "absent" : "present");
        if (ba == null || bb == null) return out;
        field(out, "path", ba.path(), bb.path());
        Map<String, String> sa = settings(ba);
        Map<String, String> sb = settings(bb);
        Set<String> keys = new LinkedHashSet<>(sa.keySet());
        keys.addAll(sb.keySet());
        for (String k : keys) {
            String va = sa.get(k);
            String vb = sb.get(k);
            if (Objects.equals(va, vb)) continue;
            FieldChange c = new FieldChange(k, va, vb, NOISY_GO_SETTINGS.contains(k));
            (c.noise() ? noise : out).add(c);
        }
        return out;
    }

    private static Map<String, String> settings(GoBuildInfo bi) {
        Map<String, String> m = new LinkedHashMap<>();
        for (GoSetting s : bi.settings()) m.put(s.key(), s.value());
        return m;
    }

    /**
     * Module changes, only when both sides carry build info: a side without it (stripped of it, or a format the
     * reader does not know) says nothing about its modules, so nothing is "removed"; the Go settings row
     * {@code Go build info: present -> absent} says why the list is not compared.
     */
    private static List<GoModuleChange> goModules(GoInfo a, GoInfo b) {
        if (a == null || b == null || a.buildInfo() == null || b.buildInfo() == null) return List.of();
        Map<String, GoModule> olds = modules(a);
        Map<String, GoModule> news = modules(b);
        List<GoModuleChange> out = new ArrayList<>();
        for (GoModule n : news.values()) {
            GoModule o = olds.remove(n.path());
            if (o == null) {
                out.add(new GoModuleChange(GoModuleChange.Kind.ADDED, n.path(), null, n.version(), null,
                        replacement(n)));
            } else if (!Objects.equals(replacement(o), replacement(n))) {
                out.add(new GoModuleChange(GoModuleChange.Kind.REPLACED, n.path(), o.version(), n.version(),
                        replacement(o), replacement(n)));
            } else if (!o.version().equals(n.version())) {
                out.add(new GoModuleChange(GoModuleChange.Kind.BUMPED, n.path(), o.version(), n.version(),
                        replacement(o), replacement(n)));
            }
        }
        for (GoModule o : olds.values()) {
            out.add(new GoModuleChange(GoModuleChange.Kind.REMOVED, o.path(), o.version(), null, replacement(o), null));
        }
        return out;
    }

    private static Map<String, GoModule> modules(GoInfo g) {
        Map<String, GoModule> m = new LinkedHashMap<>();
        if (g == null || g.buildInfo() == null) return m;
        if (g.buildInfo().main() != null) m.put(g.buildInfo().main().path(), g.buildInfo().main());
        for (GoModule d : g.buildInfo().deps()) m.put(d.path(), d);
        return m;
    }

    private static String replacement(GoModule m) {
        return m.replacement() == null ? null
                : (m.replacement().path() + " " + m.replacement().version()).strip();
    }

    // ---- hardening -----------------------------------------------------------------------------------------

    private static List<HardeningChange> hardening(List<HardeningCheck> a, List<HardeningCheck> b) {
        Map<String, HardeningCheck> olds = new LinkedHashMap<>();
        for (HardeningCheck h : a) olds.put(h.id(), h);
        List<HardeningChange> out = new ArrayList<>();
        for (HardeningCheck n : b) {
            HardeningCheck o = olds.remove(n.id());
            HardeningState os = o == null ? HardeningState.NOT_APPLICABLE : o.state();
            if (os != n.state()) {
                boolean comparable = rank(os) != Integer.MAX_VALUE && rank(n.state()) != Integer.MAX_VALUE;
                out.add(new HardeningChange(n.id(), HardeningCheck.property(n.id()), os, n.state(),
                        comparable && rank(n.state()) < rank(os)));
            }
        }
        for (HardeningCheck o : olds.values()) {
            if (o.state() == HardeningState.NOT_APPLICABLE) continue; // not there before, not there now
            out.add(new HardeningChange(o.id(), HardeningCheck.property(o.id()), o.state(),
                    HardeningState.NOT_APPLICABLE, false));
        }
        return out;
    }

    /** Protection level; states that say nothing about protection rank as "unknown" and never regress. */
    private static int rank(HardeningState s) {
        return switch (s) {
            case ENABLED -> 3;
            case PARTIAL -> 2;
            case DISABLED -> 1;
            default -> Integer.MAX_VALUE;
        };
    }
}
