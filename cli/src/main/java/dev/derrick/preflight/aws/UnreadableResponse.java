package dev.derrick.preflight.aws;

/**
 * An AWS answer that does not parse as what the API documents: a 2xx with an empty, HTML or junk
 * body ({@link ResponseGuard}), or a parsed answer without the fields the API always sends. The
 * check ends UNKNOWN ("unreadable response"), never PASS or FAIL.
 */
final class UnreadableResponse extends RuntimeException {
    UnreadableResponse(String what) {
        super(what, null, false, false);
    }

    /** {@code value}, or an UnreadableResponse naming the missing field. */
    static <T> T require(T value, String field) {
        if (value == null) {
            throw new UnreadableResponse("the answer has no " + field);
        }
        return value;
    }
}
