package io.leadscorer.trainer.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Cuts a CSV text into records, one at a time, with the line each starts on, without parsing their fields: a
 * record ends at the end of a line unless a quoted field is still open there (RFC 4180 line breaks inside
 * quotes), for at most {@link #MAX_RECORD_LINES} lines. When a record over several lines turns out not to be one
 * (a stray quote opened a field that never closes properly), {@link #retryAfterFirstLine} hands its other lines
 * out again as records of their own, so that one stray quote costs one row, not the rest of the file. Blank
 * lines are not records.
 */
final class CsvRecords {
    /** Lines a record may span (a quoted cell with line breaks); no lead column holds more than a few. */
    static final int MAX_RECORD_LINES = 20;

    /** A record's text (lines joined by \n), its first line's number, and the lines after the first. */
    record Raw(long line, String text, List<Line> continuation) {
        boolean spansLines() {
            return !continuation.isEmpty();
        }
    }

    record Line(long number, String text) {}

    private final BufferedReader reader;
    private final Deque<Line> pushedBack = new ArrayDeque<>();
    private long linesRead;

    CsvRecords(BufferedReader reader) {
        this.reader = reader;
    }

    /** The next record, or null at the end of the input. */
    Raw next() throws IOException {
        Line first = nextLine();
        while (first != null && first.text().isBlank()) {
            first = nextLine();
        }
        if (first == null) {
            return null;
        }
        QuoteState state = QuoteState.scan(QuoteState.FIELD_START, first.text());
        StringBuilder text = new StringBuilder(first.text());
        List<Line> continuation = new ArrayList<>();
        while (state == QuoteState.QUOTED && continuation.size() < MAX_RECORD_LINES - 1) {
            Line more = nextLine();
            if (more == null) {
                break;
            }
            continuation.add(more);
            text.append('\n').append(more.text());
            state = QuoteState.scan(QuoteState.QUOTED, "\n" + more.text());
        }
        return new Raw(first.number(), text.toString(), List.copyOf(continuation));
    }

    /** Gives out the lines after the first line of {@code record} again, as the next records' lines. */
    void retryAfterFirstLine(Raw record) {
        for (int i = record.continuation().size() - 1; i >= 0; i--) {
            pushedBack.addFirst(record.continuation().get(i));
        }
    }

    private Line nextLine() throws IOException {
        if (!pushedBack.isEmpty()) {
            return pushedBack.removeFirst();
        }
        String text = reader.readLine();
        return text == null ? null : new Line(++linesRead, text);
    }

    /** Where a line leaves the CSV scanner: only an open quoted field carries a record onto the next line. */
    enum QuoteState {
        FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED;

        /** The state after {@code text}, starting in {@code state}; the end of the text ends an unquoted field. */
        static QuoteState scan(QuoteState state, String text) {
            QuoteState current = state;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                current = switch (current) {
                    case FIELD_START -> c == '"' ? QUOTED : c == ',' ? FIELD_START : UNQUOTED;
                    case UNQUOTED -> c == ',' ? FIELD_START : UNQUOTED;
                    case QUOTED -> c == '"' ? QUOTE_IN_QUOTED : QUOTED;
                    // a doubled quote is a quote inside the field; anything else closes it (a stray character
                    // after the closing quote makes the record invalid, which the parser reports)
                    case QUOTE_IN_QUOTED -> c == '"' ? QUOTED : c == ',' ? FIELD_START : UNQUOTED;
                };
            }
            return current;
        }
    }
}
