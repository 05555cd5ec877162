package dev.derrick.cli;

import dev.derrick.catalog.Catalog;
import dev.derrick.config.StackConfig;
import dev.derrick.notice.Notice;
import dev.derrick.notice.Notices;

import java.io.PrintWriter;

/** Prints a stack's {@link Notice}s to stderr, one line each, so text output never hides what Derrick changed. */
final class Notes {
    private Notes() {
    }

    static void print(PrintWriter err, StackConfig config) {
        for (Notice n : Notices.of(config, Catalog.bundled())) {
            err.println("note: " + n.line());
        }
        err.flush();
    }
}
