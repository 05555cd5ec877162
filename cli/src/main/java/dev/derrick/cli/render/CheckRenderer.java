package dev.derrick.cli.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.derrick.cli.Printable;
import dev.derrick.preflight.CheckReport;
import dev.derrick.preflight.CheckResult;
import dev.derrick.preflight.Status;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** Text and JSON for preflight and verify reports, and the progress lines printed while checks run. */
public final class CheckRenderer {
    private CheckRenderer() {
    }

    /** One line per finished check, numbered, for stderr. */
    public static Consumer<CheckResult> progress(PrintWriter err, int total) {
        var done = new AtomicInteger();
        int width = Integer.toString(total).length();
        return r -> {
            err.printf("[%" + width + "d/%d] %-7s %s %s (%s)%n", done.incrementAndGet(), total, r.status(), r.id(), Printable.line(r.subject()), seconds(r.millis()));
            err.flush();
        };
    }

    public static String text(String command, String stack, CheckReport report) {
        var sb = new StringBuilder();
        int idWidth = report.results().stream().mapToInt(r -> r.id().length()).max().orElse(10);
        for (CheckResult r : report.results()) {
            sb.append(String.format(Locale.ROOT, "%-7s  %-" + idWidth + "s  %s: %s", r.status(), r.id(), Printable.line(r.subject()), Printable.line(line(r)))).append('\n');
            if (r.fix() != null && r.status() != Status.PASS) {
                sb.append(" ".repeat(9 + idWidth + 2)).append("fix: ").append(Printable.line(r.fix())).append('\n');
            }
        }
        sb.append(summary(command, stack, report)).append('\n');
        return sb.toString();
    }

    static String line(CheckResult r) {
        if (r.status() == Status.UNKNOWN && r.reason() != null) {
            return r.reason().text() + " - " + r.detail();
        }
        return r.detail();
    }

    public static String summary(String command, String stack, CheckReport report) {
        String s = String.format(Locale.ROOT, "%s %s: %d checks, %d passed, %d failed, %d unknown in %s (slowest check %s).",
                command, stack, report.results().size(), report.count(Status.PASS), report.count(Status.FAIL), report.count(Status.UNKNOWN),
                seconds(report.wallMillis()), seconds(report.slowestMillis()));
        if (report.anyFailed()) {
            return s + " Exit 4: a check failed.";
        }
        return report.count(Status.UNKNOWN) > 0 ? s + " UNKNOWN does not fail the run (exit 0); look at the reasons above." : s;
    }

    public static String json(String command, String stack, CheckReport report) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("command", command);
        doc.put("stack", stack);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("checks", report.results().size());
        summary.put("pass", report.count(Status.PASS));
        summary.put("fail", report.count(Status.FAIL));
        summary.put("unknown", report.count(Status.UNKNOWN));
        summary.put("wallMillis", report.wallMillis());
        summary.put("slowestMillis", report.slowestMillis());
        doc.put("summary", summary);
        doc.put("results", report.results().stream().map(CheckRenderer::jsonResult).toList());
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> jsonResult(CheckResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("subject", r.subject());
        m.put("status", r.status().name());
        m.put("detail", r.detail());
        m.put("fix", r.fix());
        m.put("reason", r.reason() == null ? null : r.reason().text());
        m.put("millis", r.millis());
        return m;
    }

    static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

}
