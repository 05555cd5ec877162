package dev.derrick.notice;

/**
 * Something Derrick renders differently from what the stack asked for, or decides on the user's behalf: not an
 * error (the stack is valid), but never silent. Shown by {@code validate} and {@code plan}.
 *
 * @param path    the config path it concerns, e.g. {@code derrick:clusters[0].endpointAccess (serve)}
 * @param message what Derrick does instead, and why
 * @param fix     how to get exactly what was asked, or to silence it by asking for what Derrick does
 */
public record Notice(String path, String message, String fix) {
    /** One line: {@code path: message; fix}. */
    public String line() {
        return path + ": " + message + (fix == null ? "" : "; " + fix);
    }
}
