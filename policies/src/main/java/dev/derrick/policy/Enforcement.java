package dev.derrick.policy;

/** How a failing policy acts: mandatory fails the run (exit 3), advisory is shown, disabled is skipped. */
public enum Enforcement {
    MANDATORY, ADVISORY, DISABLED;

    public static Enforcement parse(String s) {
        return valueOf(s.toUpperCase(java.util.Locale.ROOT));
    }

    public String token() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
