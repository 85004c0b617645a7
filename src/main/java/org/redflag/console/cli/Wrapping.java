package org.redflag.console.cli;

import java.io.PrintWriter;

/** Long sentences in terminal output, wrapped at word boundaries with a hanging indent. */
final class Wrapping {

    static final int WIDTH = 100;

    private Wrapping() {
    }

    /** Prints {@code text} after {@code prefix}; continuation lines are indented to the prefix's width. */
    static void print(PrintWriter out, String prefix, String text) {
        String indent = " ".repeat(prefix.length());
        StringBuilder line = new StringBuilder(prefix);
        boolean lineHasWords = false;
        for (String word : text.split(" ")) {
            if (lineHasWords && line.length() + 1 + word.length() > WIDTH) {
                out.println(line);
                line = new StringBuilder(indent);
                lineHasWords = false;
            }
            if (lineHasWords) {
                line.append(' ');
            }
            line.append(word);
            lineHasWords = true;
        }
        out.println(line);
    }
}
