package dev.derrick.io;

/**
 * A file Derrick was asked to read cannot be used: missing, not a regular file, too large,
 * unreadable or not UTF-8. Exit code 2; the message names the path and never quotes the content.
 */
public final class InputFileException extends RuntimeException {
    private final String path;
    private final String problem;
    private final String hint;

    public InputFileException(String path, String problem, String hint) {
        super(path + ": " + problem + (hint == null ? "" : "; " + hint), null, false, false);
        this.path = path;
        this.problem = problem;
        this.hint = hint;
    }

    /** The path as given (or as the caller displays it). */
    public String path() {
        return path;
    }

    public String problem() {
        return problem;
    }

    /** What to do about it; may be null. */
    public String hint() {
        return hint;
    }
}
