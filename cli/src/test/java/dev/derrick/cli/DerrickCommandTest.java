package dev.derrick.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class DerrickCommandTest {
    @Test
    void error_whenOutOfMemoryWithoutDebug_isOneLineAndExit1WithoutATrace() {
        var err = new StringWriter();

        int exit = DerrickCommand.error(new OutOfMemoryError("Java heap space"), false, new PrintWriter(err));

        assertThat(exit).isEqualTo(ExitCodes.INTERNAL);
        assertThat(err.toString()).contains("out of memory").contains("--debug").doesNotContain("\tat ");
    }

    @Test
    void error_withDebug_printsTheTrace() {
        var err = new StringWriter();

        DerrickCommand.error(new StackOverflowError(), true, new PrintWriter(err));

        assertThat(err.toString()).contains("StackOverflowError").contains("\tat ");
    }

    @Test
    void printable_escapesLineBreaksControlsAndBidiOverrides() {
        assertThat(Printable.line("a\nFORGED\u001b[31m\u202e")).isEqualTo("a\\u000aFORGED\\u001b[31m\\u202e");
        assertThat(Printable.line("plain-Ünicode")).isEqualTo("plain-Ünicode");
        assertThat(Printable.text("a\n\u001b[2Jb\n")).isEqualTo("a\n\\u001b[2Jb\n");
    }
}
