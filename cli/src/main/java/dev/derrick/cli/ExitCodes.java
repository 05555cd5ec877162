package dev.derrick.cli;

/** The exit codes of every derrick command. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int INTERNAL = 1;
    public static final int INVALID_INPUT = 2;
    public static final int POLICY_VIOLATED = 3;
    public static final int CHECK_FAILED = 4;

    private ExitCodes() {
    }
}
