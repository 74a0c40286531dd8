package io.leadscorer.model.text;

/** Whether a lead column carries a number (written in canonical number form) or free text (cleaned). */
public enum ColumnKind {
    NUMBER,
    TEXT
}
