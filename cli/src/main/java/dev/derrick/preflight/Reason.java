package dev.derrick.preflight;

/** Why a check ended {@link Status#UNKNOWN}. Written in output as {@link #text()}. */
public enum Reason {
    NO_CREDENTIALS("no credentials"),
    THROTTLED("throttled"),
    TIMED_OUT("timed out"),
    ENDPOINT_REFUSED("endpoint refused"),
    SERVICE_ERROR("service error"),
    ACCESS_DENIED("access denied"),
    NOT_PUBLISHED("not published"),
    NOT_SUPPORTED("not supported"),
    /** The answer does not parse as the API documents it: neither PASS nor FAIL can be read from it. */
    UNREADABLE_RESPONSE("unreadable response"),
    INTERNAL("internal error");

    private final String text;

    Reason(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
