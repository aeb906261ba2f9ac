package dev.crosslens.parsers.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code /proc/PID/stat} and {@code /proc/PID/status} say about a live process: its name, parent, process
 * group, start time (clock ticks since boot: tells a process from a later one with the same pid), tracer, and
 * whether it is the init (pid 1) of a PID namespace below ours.
 * Zombies count as gone.
 */
record ProcStat(long pid, String name, long parent, long processGroup, long startTime, long tracerPid,
                boolean namespaceInit) {

    /** The process, or null when it is gone (or a zombie). */
    static ProcStat read(long pid) {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return null;
        }
        // "pid (comm) S ppid pgrp session ..."; comm may hold spaces and parentheses: the last ')' ends it
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        if (open < 0 || close < open) return null;
        String[] f = stat.substring(close + 2).trim().split(" ");
        if (f.length < 20) return null;
        char state = f[0].isEmpty() ? '?' : f[0].charAt(0);
        if (state == 'Z' || state == 'X' || state == 'x') return null;
        long tracer = 0;
        boolean init = false;
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"),
                    StandardCharsets.ISO_8859_1)) {
                if (line.startsWith("TracerPid:")) {
                    tracer = Long.parseLong(line.substring(10).trim());
                } else if (line.startsWith("NSpid:")) {
                    // "NSpid:  12345  1": pid 1 of a namespace below ours
                    String[] ids = line.substring(6).trim().split("\\s+");
                    init = ids.length > 1 && ids[ids.length - 1].equals("1");
                }
            }
        } catch (IOException | NumberFormatException e) {
            // gone meanwhile, or unreadable: no tracer known
        }
        try {
            return new ProcStat(pid, stat.substring(open + 1, close), Long.parseLong(f[1]), Long.parseLong(f[2]),
                    Long.parseLong(f[19]), tracer, init);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Every pid in /proc now. */
    static List<Long> pids() {
        List<Long> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(Path.of("/proc"))) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (!n.isEmpty() && n.chars().allMatch(Character::isDigit)) out.add(Long.parseLong(n));
            }
        } catch (IOException e) {
            // no /proc: nothing to list
        }
        return out;
    }
}
