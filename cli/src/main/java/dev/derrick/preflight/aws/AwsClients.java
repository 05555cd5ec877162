package dev.derrick.preflight.aws;

import dev.derrick.preflight.CheckLimits;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;
import software.amazon.awssdk.services.sts.StsClient;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * AWS SDK v2 clients for the checks, one per (service, region), built on first use and shared
 * by all checks: one HTTP client, credentials from the SDK's default chain (environment, system
 * properties, profiles, SSO, container and instance roles), and the run's limits as SDK
 * timeouts and a bounded retry strategy (jittered exponential backoff; throttling backs off longer).
 */
public final class AwsClients implements AutoCloseable {
    private final URI endpoint;
    private final AwsCredentialsProvider credentials;
    private final CheckLimits limits;
    private final SdkHttpClient http;
    private final ClientOverrideConfiguration override;
    private final Map<String, SdkClient> clients = new ConcurrentHashMap<>();

    /**
     * @param endpoint    every service's endpoint (an emulator), or null for AWS's own
     * @param credentials null for the SDK's default chain
     */
    public AwsClients(URI endpoint, AwsCredentialsProvider credentials, CheckLimits limits) {
        this.endpoint = endpoint;
        this.credentials = credentials != null ? credentials : DefaultCredentialsProvider.builder().build();
        this.limits = limits;
        Duration attempt = limits.attemptTimeout();
        this.http = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofMillis(Math.min(2000, attempt.toMillis())))
                .socketTimeout(attempt)
                .build();
        this.override = ClientOverrideConfiguration.builder()
                .apiCallTimeout(limits.timeout())
                .apiCallAttemptTimeout(attempt)
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(limits.maxAttempts())
                        .backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(100), Duration.ofSeconds(2)))
                        .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(500), Duration.ofSeconds(4)))
                        .build())
                .build();
    }

    public CheckLimits limits() {
        return limits;
    }

    public boolean hasEndpointOverride() {
        return endpoint != null;
    }

    public StsClient sts(String region) {
        return client("sts", region, () -> configure(StsClient.builder(), region, true));
    }

    public Ec2Client ec2(String region) {
        return client("ec2", region, () -> configure(Ec2Client.builder(), region, true));
    }

    public ServiceQuotasClient quotas(String region) {
        return client("servicequotas", region, () -> configure(ServiceQuotasClient.builder(), region, false));
    }

    public S3Client s3(String region) {
        // Emulators answer on one host: path-style addressing, not <bucket>.<host>.
        return client("s3", region, () -> configure(S3Client.builder().forcePathStyle(endpoint != null), region, true));
    }

    public EcrClient ecr(String region) {
        return client("ecr", region, () -> configure(EcrClient.builder(), region, false));
    }

    public EksClient eks(String region) {
        return client("eks", region, () -> configure(EksClient.builder(), region, false));
    }

    @SuppressWarnings("unchecked")
    private <C extends SdkClient> C client(String service, String region, Supplier<C> build) {
        return (C) clients.computeIfAbsent(service + "@" + region, k -> build.get());
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C configure(B builder, String region, boolean xml) {
        builder.region(Region.of(region)).credentialsProvider(credentials).httpClient(http)
                .overrideConfiguration(override.toBuilder().addExecutionInterceptor(new ResponseGuard(xml, limits.timeout())).build());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    @Override
    public void close() {
        clients.values().forEach(SdkClient::close);
        clients.clear();
        http.close();
    }
}
