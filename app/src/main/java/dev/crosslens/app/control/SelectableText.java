package dev.crosslens.app.control;

import javafx.scene.control.TextField;

/** A value people can select and copy: a read-only text field that looks like a label. */
public final class SelectableText extends TextField {
    public SelectableText(String text) {
        super(text);
        setEditable(false);
        setFocusTraversable(false);
        getStyleClass().add("selectable-text");
        setPrefColumnCount(Math.max(4, Math.min(80, text.length())));
    }
}
