package dev.derrick.cli;

import dev.derrick.preflight.CheckLimits;
import dev.derrick.preflight.Endpoints;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Options shared by {@code preflight} and {@code verify}: endpoints, limits, output. */
public final class CheckOptions {
    @Option(names = "--endpoint", paramLabel = "CLOUD=URL",
            description = "API endpoint of a cloud, e.g. aws=http://127.0.0.1:5000 for an emulator; repeatable. "
                    + "Default: $DERRICK_AWS_ENDPOINT (GCP, AZURE likewise), else the cloud's own.")
    List<String> endpoints = new ArrayList<>();

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "20s",
            description = "Wall-time bound of each check, retries included, e.g. 20s, 500ms (default: ${DEFAULT-VALUE}). "
                    + "A check still running then is UNKNOWN (timed out).")
    String timeout;

    @Option(names = "--attempts", paramLabel = "N", defaultValue = "3",
            description = "Attempts per API call, with jittered exponential backoff (default: ${DEFAULT-VALUE}).")
    int attempts;

    @Option(names = "--parallelism", paramLabel = "N", defaultValue = "16",
            description = "Checks running at once (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--no-progress", description = "Do not print one line per finished check on stderr.")
    boolean noProgress;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text", description = "text (default) or json.")
    Output output;

    Endpoints endpoints() {
        try {
            return Endpoints.parse(endpoints, System.getenv());
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
    }

    CheckLimits limits() {
        if (attempts < 1 || attempts > 10) {
            throw new UserInputException("--attempts " + attempts + ": must be 1..10");
        }
        if (parallelism < 1 || parallelism > 64) {
            throw new UserInputException("--parallelism " + parallelism + ": must be 1..64");
        }
        return new CheckLimits(parallelism, duration(timeout), attempts);
    }

    static Duration duration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            Duration d;
            if (t.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            } else if (t.endsWith("s")) {
                d = Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
            } else if (t.endsWith("m")) {
                d = Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 60_000));
            } else {
                d = Duration.ofMillis(Math.round(Double.parseDouble(t) * 1000));
            }
            if (d.toMillis() < 100 || d.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new UserInputException("--timeout " + Printable.line(text) + ": must be between 100ms and 10m");
            }
            return d;
        } catch (NumberFormatException e) {
            throw new UserInputException("--timeout " + Printable.line(text) + ": not a duration; e.g. 20s, 500ms, 2m");
        }
    }
}
