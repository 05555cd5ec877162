package dev.derrick.preflight.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.client.http.GenericUrl;
import com.google.api.client.http.HttpBackOffIOExceptionHandler;
import com.google.api.client.http.HttpBackOffUnsuccessfulResponseHandler;
import com.google.api.client.http.HttpRequest;
import com.google.api.client.http.HttpRequestFactory;
import com.google.api.client.http.HttpResponse;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.util.ExponentialBackOff;
import com.google.auth.http.HttpCredentialsAdapter;
import com.google.auth.oauth2.GoogleCredentials;
import dev.derrick.preflight.CheckLimits;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Google Cloud clients for the checks, built on first use and shared: credentials from
 * Application Default Credentials (GOOGLE_APPLICATION_CREDENTIALS, {@code gcloud auth
 * application-default login}, workload identity, the metadata server), and the Compute Engine,
 * GKE, Artifact Registry and Cloud Storage JSON APIs through the Google HTTP client with
 * google-auth-library's credentials adapter. google-cloud-compute/-container/-artifact-registry
 * are not served by the registry this project builds from, and google-cloud-storage would move
 * the Pulumi runtime's gRPC, protobuf-java-util and OpenTelemetry versions. Retries are the HTTP
 * client's own backoff handlers, bounded by {@link CheckLimits#maxAttempts()} and
 * {@link CheckLimits#attemptTimeout()}.
 */
public final class GcpClients implements AutoCloseable {
    /** The public endpoints; with an override every API is under the one URL (an emulator or a stub). */
    static final String COMPUTE = "https://compute.googleapis.com";
    static final String CONTAINER = "https://container.googleapis.com";
    static final String STORAGE = "https://storage.googleapis.com";
    static final String ARTIFACT_REGISTRY = "https://artifactregistry.googleapis.com";
    private static final String SCOPE = "https://www.googleapis.com/auth/cloud-platform";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where credentials come from: ADC in the CLI, a fixed token in tests. */
    @FunctionalInterface
    public interface CredentialSource {
        GoogleCredentials get() throws IOException;
    }

    private final URI endpoint;
    private final CredentialSource source;
    private final CheckLimits limits;
    private final NetHttpTransport transport = new NetHttpTransport();
    private final Object credentialsLock = new Object();
    private GoogleCredentials credentials;
    private IOException credentialsFailure;

    /** @param endpoint every API's base URL (an emulator), or null for Google's own */
    public GcpClients(URI endpoint, CredentialSource source, CheckLimits limits) {
        this.endpoint = endpoint;
        this.source = source;
        this.limits = limits;
    }

    /** Application Default Credentials, scoped for the read-only calls the checks make. */
    public static CredentialSource applicationDefault() {
        return () -> GoogleCredentials.getApplicationDefault().createScoped(List.of(SCOPE));
    }

    /** The credentials, looked up once; none found: {@link NoCredentialsException} and nothing is sent. */
    GoogleCredentials credentials() throws NoCredentialsException {
        synchronized (credentialsLock) {
            return credentialsLocked();
        }
    }

    private GoogleCredentials credentialsLocked() throws NoCredentialsException {
        if (credentials == null && credentialsFailure == null) {
            try {
                credentials = source.get();
                if (credentials == null) {
                    credentialsFailure = new IOException("none");
                }
            } catch (IOException | RuntimeException e) {
                credentialsFailure = e instanceof IOException io ? io : new IOException(e.getClass().getSimpleName());
            }
        }
        if (credentials == null) {
            throw new NoCredentialsException();
        }
        return credentials;
    }

    /** GETs a Cloud Storage JSON API v1 resource, e.g. {@code b/bucket}; as {@link #compute}. */
    JsonNode storage(String path) throws IOException {
        String base = endpoint != null ? stripSlash(endpoint.toString()) : STORAGE;
        return get(base + "/storage/v1/" + path);
    }

    /**
     * GETs a Compute Engine v1 resource, e.g. {@code projects/p/regions/r}: 429 and 5xx are retried
     * with jittered exponential backoff; 2xx and 404 are returned, anything else (after the last
     * attempt) is thrown as {@link ApiException}.
     *
     * @return the JSON body, or null for 404
     * @throws UnreadableResponseException when a 200 body is not a JSON object
     */
    JsonNode compute(String path) throws IOException {
        String base = endpoint != null ? stripSlash(endpoint.toString()) : COMPUTE;
        return get(base + "/compute/v1/" + path);
    }

    /** GETs a GKE v1 resource, e.g. {@code projects/p/locations/l/clusters/c}; as {@link #compute}. */
    JsonNode container(String path) throws IOException {
        String base = endpoint != null ? stripSlash(endpoint.toString()) : CONTAINER;
        return get(base + "/v1/" + path);
    }

    /** GETs an Artifact Registry v1 resource, e.g. {@code projects/p/locations/l/repositories/r}; as {@link #compute}. */
    JsonNode artifactRegistry(String path) throws IOException {
        String base = endpoint != null ? stripSlash(endpoint.toString()) : ARTIFACT_REGISTRY;
        return get(base + "/v1/" + path);
    }

    private JsonNode get(String url) throws IOException {
        var adapter = new HttpCredentialsAdapter(credentials());
        var attempts = new AtomicInteger();
        HttpRequestFactory factory = transport.createRequestFactory();
        HttpRequest request = factory.buildGetRequest(new GenericUrl(url));
        adapter.initialize(request); // the Authorization header, from the credentials (refreshed when due)
        int timeout = (int) limits.attemptTimeout().toMillis();
        request.setConnectTimeout(Math.min(timeout, 2000)).setReadTimeout(timeout)
                .setNumberOfRetries(limits.maxAttempts() - 1)
                .setThrowExceptionOnExecuteError(false)
                .setInterceptor(r -> attempts.incrementAndGet())
                .setUnsuccessfulResponseHandler(new HttpBackOffUnsuccessfulResponseHandler(backOff())
                        .setBackOffRequired(r -> r.getStatusCode() == 429 || r.getStatusCode() >= 500))
                .setIOExceptionHandler(new HttpBackOffIOExceptionHandler(backOff()));
        request.getHeaders().setAccept("application/json");
        HttpResponse response = request.execute();
        try {
            int status = response.getStatusCode();
            JsonNode body = parse(response.getContent());
            if (status == 404) {
                return null;
            }
            if (status / 100 != 2) {
                throw new ApiException(status, errorCode(body), attempts.get());
            }
            if (body == null || !body.isObject()) {
                throw new UnreadableResponseException("HTTP " + status + " without a JSON object");
            }
            return body;
        } finally {
            response.disconnect();
        }
    }

    private ExponentialBackOff backOff() {
        return new ExponentialBackOff.Builder().setInitialIntervalMillis(100).setMultiplier(2).setMaxIntervalMillis(2000)
                .setRandomizationFactor(0.5).setMaxElapsedTimeMillis((int) limits.timeout().toMillis()).build();
    }

    private static JsonNode parse(InputStream in) {
        if (in == null) {
            return null;
        }
        try (in) {
            return JSON.readTree(in);
        } catch (IOException notJson) {
            return null;
        }
    }

    /** The {@code error.status} (e.g. RESOURCE_EXHAUSTED) or {@code error.errors[0].reason} of a Google API error body. */
    static String errorCode(JsonNode body) {
        if (body == null || !body.path("error").isObject()) {
            return null;
        }
        JsonNode e = body.path("error");
        String code = e.path("status").asText("");
        if (code.isEmpty()) {
            code = e.path("errors").path(0).path("reason").asText("");
        }
        return code.isEmpty() ? null : code;
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    @Override
    public void close() {
        try {
            transport.shutdown();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }

    /** Application Default Credentials found nothing: nothing was sent. */
    static final class NoCredentialsException extends IOException {
        NoCredentialsException() {
            super("no credentials");
        }
    }

    /** An HTTP error status still there after the last attempt. */
    static final class ApiException extends IOException {
        final int status;
        final String code;
        final int attempts;

        ApiException(int status, String code, int attempts) {
            super("HTTP " + status);
            this.status = status;
            this.code = code;
            this.attempts = attempts;
        }
    }

    /** A response that does not parse as the API documents it. */
    static final class UnreadableResponseException extends IOException {
        UnreadableResponseException(String what) {
            super(what);
        }
    }
}
