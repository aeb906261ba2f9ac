package dev.crosslens.app.control;

/** A view that can jump to a file offset: Ctrl+G focuses its go-to field. */
public interface OffsetNavigable {
    void focusGoTo();
}
