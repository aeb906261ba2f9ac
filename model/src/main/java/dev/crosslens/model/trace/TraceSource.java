package dev.crosslens.model.trace;

/** Where an event was observed. */
public enum TraceSource {
    /** A Linux system call seen by strace (of the program, of wineserver, or of the emulator on the host). */
    SYSCALL,
    /** A Windows API call or Wine debug channel line (WINEDEBUG relay, winsock, file, process, loaddll). */
    WINDOWS_API,
    /** QEMU's own doing: its -strace lines, its start-up probes, its limits (ENOSYS, no binfmt for children). */
    EMULATOR,
    /** The runner itself: start, time limit, caps reached, stop. */
    RUNNER
}
