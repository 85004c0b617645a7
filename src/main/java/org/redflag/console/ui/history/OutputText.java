package org.redflag.console.ui.history;

import java.util.ArrayList;
import java.util.List;

/**
 * An output (stdout or stderr) prepared for the viewer off the FX thread: split into display lines, with
 * very long lines cut into pieces, so the viewer's virtual list only ever lays out what is on screen.
 *
 * @param text       what was loaded (all of it, or the first part)
 * @param fullLength the output's length in the database
 */
public record OutputText(String text, List<String> lines, long fullLength) {

    /** A line longer than this is shown as several display lines; a 10 MB single line must not be one cell. */
    static final int MAX_LINE_CHARS = 400;

    public static final OutputText NONE = new OutputText("", List.of(), 0);

    public static OutputText of(String text, long fullLength) {
        if (text == null || text.isEmpty()) {
            return new OutputText("", List.of(), Math.max(0, fullLength));
        }
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start <= text.length()) {
            int newline = text.indexOf('\n', start);
            int end = newline < 0 ? text.length() : newline;
            int lineEnd = end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
            addPieces(lines, text, start, lineEnd);
            if (newline < 0) {
                break;
            }
            start = newline + 1;
            if (start == text.length()) {
                break;
            }
        }
        return new OutputText(text, List.copyOf(lines), fullLength);
    }

    public boolean complete() {
        return text.length() >= fullLength;
    }

    private static void addPieces(List<String> lines, String text, int start, int end) {
        if (start == end) {
            lines.add("");
            return;
        }
        for (int piece = start; piece < end; piece += MAX_LINE_CHARS) {
            int pieceEnd = Math.min(end, piece + MAX_LINE_CHARS);
            if (pieceEnd < end && Character.isHighSurrogate(text.charAt(pieceEnd - 1))) {
                pieceEnd--;
            }
            lines.add(text.substring(piece, pieceEnd));
            if (pieceEnd != piece + MAX_LINE_CHARS) {
                piece = pieceEnd - MAX_LINE_CHARS;
            }
        }
    }
}
