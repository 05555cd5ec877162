package dev.derrick.preflight.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.derrick.preflight.CheckLimits;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A small bearer-token JSON GET client for the GCP and Azure checks: plain JDK
 * {@link HttpClient} plus Jackson against the clouds' documented REST APIs. The official SDKs
 * (google-cloud-compute, azure-resourcemanager-compute) are the planned replacement; they were
 * left out for now because they are heavy. Retries 429 and 5xx with jittered exponential
 * backoff, at most {@link CheckLimits#maxAttempts()} attempts, each bounded by
 * {@link CheckLimits#attemptTimeout()}. The token is sent, never logged or put in a result.
 */
public final class RestClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http;
    private final URI base;
    private final String token;
    private final CheckLimits limits;

    /** @param token null when there are no credentials: every call then throws {@link NoCredentialsException} */
    public RestClient(URI base, String token, CheckLimits limits) {
        this.base = base;
        this.token = token == null || token.isBlank() ? null : token.trim();
        this.limits = limits;
        this.http = HttpClient.newBuilder().connectTimeout(limits.attemptTimeout()).build();
    }

    /** The answer to one GET: its HTTP status and JSON body ({@code null} when empty or not JSON). */
    public record Response(int status, JsonNode body) {
    }

    /**
     * GETs {@code pathAndQuery} (relative to the base, already URL-encoded). Returns 2xx and 4xx
     * answers (callers read 404 and friends); throws {@link HttpStatusException} for 429 and 5xx
     * once the attempts are spent.
     */
    public Response get(String pathAndQuery) throws IOException, InterruptedException {
        if (token == null) {
            throw new NoCredentialsException();
        }
        String b = base.toString();
        return get(URI.create((b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + pathAndQuery));
    }

    /** GETs an absolute URL the API handed out (a {@code nextLink}); otherwise as {@link #get(String)}. */
    public Response get(URI uri) throws IOException, InterruptedException {
        if (token == null) {
            throw new NoCredentialsException();
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(limits.attemptTimeout())
                .header("Authorization", "Bearer " + token).header("Accept", "application/json").GET().build();
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            int status = r.statusCode();
            if (status != 429 && status < 500) {
                JsonNode body = parse(r.body());
                if (status / 100 == 2 && (body == null || !body.isObject())) {
                    // Every API these checks call answers a JSON object; anything else (empty, an HTML page from a
                    // proxy or captive portal, junk) proves nothing, so it must not read as "found" or "not found".
                    throw new UnreadableResponseException(status);
                }
                return new Response(status, body);
            }
            Duration retryAfter = RetryAfter.parse(r.headers().firstValue("Retry-After").orElse(null), Instant.now());
            if (retryAfter != null && (status == 429 || status == 503) && retryAfter.compareTo(limits.timeout()) > 0) {
                // The server asks for a wait beyond the check's time bound: that is throttling, not a timeout.
                throw new HttpStatusException(status, errorCode(parse(r.body())), attempt, retryAfter);
            }
            if (attempt >= limits.maxAttempts()) {
                throw new HttpStatusException(status, errorCode(parse(r.body())), attempt);
            }
            long backoff = Math.min(2000, 100L << (attempt - 1));
            long wait = ThreadLocalRandom.current().nextLong(backoff / 2, backoff + 1);
            Thread.sleep(retryAfter == null ? wait : Math.max(wait, retryAfter.toMillis()));
        }
    }

    /** The error code of a GCP ({@code error.status}) or Azure ({@code error.code}) error body, else null. */
    public static String errorCode(JsonNode body) {
        if (body == null || !body.path("error").isObject()) {
            return null;
        }
        JsonNode e = body.path("error");
        String code = e.path("status").asText(e.path("code").asText(""));
        return code.isEmpty() ? null : code;
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (IOException notJson) {
            return null;
        }
    }

    @Override
    public void close() {
        // HttpClient is AutoCloseable only from JDK 21; on 17 its threads end when it is unreachable.
        if (http instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception ignored) {
                // nothing left to release
            }
        }
    }

    /** A 2xx whose body is not the JSON object the API documents. */
    public static final class UnreadableResponseException extends IOException {
        private final int status;

        public UnreadableResponseException(int status) {
            super("HTTP " + status + " with a body that is not the API's JSON");
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** No token: nothing was sent. */
    public static final class NoCredentialsException extends IOException {
        public NoCredentialsException() {
            super("no credentials");
        }
    }

    /** A 429 or 5xx still there after the last attempt, or another status a check could not read. */
    public static final class HttpStatusException extends IOException {
        private final int status;
        private final String code;
        private final int attempts;

        private final Duration retryAfter;

        public HttpStatusException(int status, String code, int attempts) {
            this(status, code, attempts, null);
        }

        public HttpStatusException(int status, String code, int attempts, Duration retryAfter) {
            super("HTTP " + status);
            this.status = status;
            this.code = code;
            this.attempts = attempts;
            this.retryAfter = retryAfter;
        }

        /** The server's Retry-After when it was beyond the time bound (the call then stopped at once), else null. */
        public Duration retryAfter() {
            return retryAfter;
        }

        public int status() {
            return status;
        }

        public String code() {
            return code;
        }

        public int attempts() {
            return attempts;
        }
    }
}
