package dev.crosslens.app.control;

/** A view with a filter field that Ctrl+F focuses. */
public interface Filterable {
    void focusFilter();
}
