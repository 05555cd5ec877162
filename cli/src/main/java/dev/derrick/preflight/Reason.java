package dev.derrick.preflight;

/** Why a check ended {@link Status#UNKNOWN}. Written in output as {@link #text()}. */
public enum Reason {
    NO_CREDENTIALS("no credentials"),
    THROTTLED("throttled"),
    TIMED_OUT("timed out"),
    ENDPOINT_REFUSED("endpoint refused"),
    SERVICE_ERROR("service error"),
    ACCESS_DENIED("access denied"),
    /** A 2xx whose body is not what the API documents (empty, HTML from a proxy, junk): it proves nothing either way. */
    UNREADABLE_RESPONSE("unreadable response"),
    NOT_PUBLISHED("not published"),
    NOT_SUPPORTED("not supported"),
    INTERNAL("internal error");

    private final String text;

    Reason(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
