package dev.crosslens.model.trace;

/** What an event is: a call with a result, a delivered signal, or the end of a process. */
public enum EventKind {
    CALL, SIGNAL, EXITED, KILLED, NOTE
}
