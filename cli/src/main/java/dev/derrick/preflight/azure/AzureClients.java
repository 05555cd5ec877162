package dev.derrick.preflight.azure;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.okhttp.OkHttpAsyncHttpClientBuilder;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.util.Context;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.derrick.preflight.CheckLimits;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Azure SDK clients for the checks, built on first use and shared: credentials from
 * {@code DefaultAzureCredential} (environment, workload identity, managed identity, Azure CLI,
 * azd, ...), the subscription from {@code AZURE_SUBSCRIPTION_ID}; Resource Manager through an
 * azure-core {@link HttpPipeline} (the azure-resourcemanager-* libraries are not served by the
 * registry this project builds from), Blob through azure-storage-blob; one OkHttp client. Retries
 * are the SDK's: {@link RetryPolicy} with exponential backoff for Resource Manager (it honours
 * Retry-After), {@link RequestRetryOptions} for Blob, bounded by the run's limits.
 */
public final class AzureClients implements AutoCloseable {
    public static final String SUBSCRIPTION_ENV = "AZURE_SUBSCRIPTION_ID";
    static final URI ARM = URI.create("https://management.azure.com");
    private static final String ARM_SCOPE = "https://management.azure.com/.default";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ATTEMPTS = "derrick-attempts";

    private final URI endpoint;
    private final TokenCredential credential;
    private final String subscription;
    private final StorageSharedKeyCredential blobKey;
    private final CheckLimits limits;
    private final HttpClient http;
    private final HttpPipeline arm;
    private final Map<String, BlobServiceClient> blobs = new ConcurrentHashMap<>();
    private AccessToken token;
    private RuntimeException tokenFailure;

    /**
     * @param endpoint     Resource Manager's base URL, and Blob's as {@code <endpoint>/<account>}
     *                     (an emulator), or null for Azure's own
     * @param credential   null for {@code DefaultAzureCredential}
     * @param subscription null or blank: no credentials (nothing is sent)
     * @param blobKey      a shared key for Blob instead of the token (an emulator's); null in the CLI
     */
    public AzureClients(URI endpoint, TokenCredential credential, String subscription, StorageSharedKeyCredential blobKey, CheckLimits limits) {
        this.endpoint = endpoint;
        this.subscription = subscription == null || subscription.isBlank() ? null : subscription.trim();
        this.blobKey = blobKey;
        this.limits = limits;
        Duration attempt = limits.attemptTimeout();
        this.http = new OkHttpAsyncHttpClientBuilder()
                .connectionTimeout(Duration.ofMillis(Math.min(2000, attempt.toMillis())))
                .readTimeout(attempt).responseTimeout(attempt).callTimeout(attempt)
                .build();
        this.credential = credential != null ? credential : new DefaultAzureCredentialBuilder().httpClient(http).build();
        // After the retry policy: runs once per attempt, so it also counts them.
        HttpPipelinePolicy bearer = (ctx, next) -> {
            ctx.getData(ATTEMPTS).ifPresent(n -> ((AtomicInteger) n).incrementAndGet());
            ctx.getHttpRequest().setHeader(com.azure.core.http.HttpHeaderName.AUTHORIZATION, "Bearer " + token().getToken());
            return next.process();
        };
        this.arm = new HttpPipelineBuilder().httpClient(http).policies(new RetryPolicy(retryOptions()), bearer).build();
    }

    private RetryOptions retryOptions() {
        return new RetryOptions(new ExponentialBackoffOptions().setMaxRetries(limits.maxAttempts() - 1)
                .setBaseDelay(Duration.ofMillis(100)).setMaxDelay(Duration.ofSeconds(2)));
    }

    /** The subscription; none: {@link NoCredentialsException}. */
    String subscription() throws NoCredentialsException {
        if (subscription == null) {
            throw new NoCredentialsException("no subscription (" + SUBSCRIPTION_ENV + ")");
        }
        return subscription;
    }

    /** One Resource Manager token per run, asked for on first use (the chain can be slow: az, managed identity). */
    private synchronized AccessToken token() {
        if (tokenFailure != null) {
            throw tokenFailure;
        }
        if (token == null || token.getExpiresAt().isBefore(OffsetDateTime.now().plusMinutes(1))) {
            try {
                token = credential.getTokenSync(new TokenRequestContext().addScopes(ARM_SCOPE));
            } catch (RuntimeException e) {
                tokenFailure = e;
                throw e;
            }
        }
        return token;
    }

    /**
     * GETs a Resource Manager path (with its query) or an absolute {@code nextLink}: 429 and 5xx
     * are retried by the pipeline; 404 returns null; another error status (after the last attempt)
     * is thrown as {@link ApiException}.
     *
     * @throws UnreadableResponseException when a 200 body is not a JSON object
     */
    JsonNode get(String pathOrUrl) throws IOException {
        return send(HttpMethod.GET, pathOrUrl, null);
    }

    /** POSTs a JSON body to a Resource Manager action (e.g. checkNameAvailability, a read); as {@link #get}. */
    JsonNode post(String path, String jsonBody) throws IOException {
        return send(HttpMethod.POST, path, jsonBody);
    }

    private JsonNode send(HttpMethod method, String pathOrUrl, String jsonBody) throws IOException {
        subscription();
        String url = pathOrUrl.startsWith("http") ? pathOrUrl : stripSlash((endpoint != null ? endpoint : ARM).toString()) + pathOrUrl;
        var request = new HttpRequest(method, url).setHeader(com.azure.core.http.HttpHeaderName.ACCEPT, "application/json");
        if (jsonBody != null) {
            request.setHeader(com.azure.core.http.HttpHeaderName.CONTENT_TYPE, "application/json").setBody(jsonBody);
        }
        var attempts = new AtomicInteger();
        try (HttpResponse response = arm.sendSync(request, new Context(ATTEMPTS, attempts))) {
            int status = response.getStatusCode();
            JsonNode body = parse(response.getBodyAsBinaryData() == null ? null : response.getBodyAsBinaryData().toString());
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
        }
    }

    /** The Blob service of a storage account. */
    BlobServiceClient blob(String account) throws NoCredentialsException {
        if (blobKey == null) {
            subscription();
        }
        return blobs.computeIfAbsent(account, a -> {
            String url = endpoint != null ? stripSlash(endpoint.toString()) + "/" + a : "https://" + a + ".blob.core.windows.net";
            var builder = new BlobServiceClientBuilder().endpoint(url).httpClient(http)
                    .retryOptions(new RequestRetryOptions(com.azure.storage.common.policy.RetryPolicyType.EXPONENTIAL, limits.maxAttempts(),
                            limits.attemptTimeout(), Duration.ofMillis(100), Duration.ofSeconds(2), null));
            return (blobKey != null ? builder.credential(blobKey) : builder.credential(credential)).buildClient();
        });
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

    /** The {@code error.code} of a Resource Manager error body, else null. */
    static String errorCode(JsonNode body) {
        String code = body == null ? "" : body.path("error").path("code").asText("");
        return code.isEmpty() ? null : code;
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    @Override
    public void close() {
        blobs.clear();
    }

    /** No subscription, or the credential chain found nothing: nothing was sent. */
    static final class NoCredentialsException extends IOException {
        NoCredentialsException(String what) {
            super(what);
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
