package dev.derrick.cli;

/** Bad input that is not config (a missing file, a bad option value): exit code 2, one line. */
public final class UserInputException extends RuntimeException {
    public UserInputException(String message) {
        super(message, null, false, false);
    }
}
