package dev.derrick.onprem;

import com.pulumi.aws.s3.BucketAclV2;
import com.pulumi.aws.s3.BucketAclV2Args;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.derrick.aws.S3ObjectStore;
import dev.derrick.config.ObjectStoreSpec;

import java.net.URI;
import java.util.Map;

/**
 * A bucket on an existing S3-compatible endpoint (MinIO, Ceph RGW, ...), created through the AWS
 * provider pointed at the endpoint ({@link #providerArgs}): the bucket with the private canned ACL
 * (these endpoints implement neither S3 Object Ownership nor Block Public Access; without an
 * anonymous bucket policy, which Derrick never sets, a private bucket is reachable with credentials
 * only), then default encryption (SSE-S3: MinIO needs its KMS configured, Ceph RGW an SSE-S3
 * backend), versioning and lifecycle exactly as {@link S3ObjectStore} sets them.
 *
 * <p>The component's children use the provider given in its options (one per endpoint, created by
 * the platform). Credentials come from the AWS credential chain of the machine that runs Pulumi
 * ({@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY} or {@code AWS_PROFILE}), never from stack config.
 */
public final class S3CompatibleStore extends ComponentResource {
    public static final String TYPE = "derrick:onprem:S3CompatibleStore";

    public final Output<String> bucketName;

    public S3CompatibleStore(String name, ObjectStoreSpec spec, Map<String, String> tags, ComponentResourceOptions options) {
        super(TYPE, name, options);
        var bucket = S3ObjectStore.bucket(name, spec, tags, this);
        new BucketAclV2(name + "-acl", BucketAclV2Args.builder()
                .bucket(bucket.id())
                .acl("private")
                .build(), CustomResourceOptions.builder().parent(this).build());
        S3ObjectStore.configure(name, bucket, spec, this);
        this.bucketName = bucket.bucket();
        registerOutputs(Map.of("bucketName", bucketName));
    }

    /** The explicit AWS provider's name for an endpoint: {@code s3-<host>[-<port>]}. */
    public static String providerName(String endpoint) {
        URI uri = URI.create(endpoint);
        return "s3-" + uri.getHost() + (uri.getPort() > 0 ? "-" + uri.getPort() : "");
    }

    /**
     * The AWS provider for an S3-compatible endpoint: its URL as the S3 endpoint, path-style addressing
     * (virtual-hosted buckets need wildcard DNS these endpoints rarely have), and no call to AWS itself:
     * credential, region and account-id checks go to STS and EC2 metadata, which an on-prem endpoint lacks.
     *
     * @param region the signing region; S3-compatible endpoints accept any (MinIO and Ceph default to us-east-1)
     */
    public static com.pulumi.aws.ProviderArgs providerArgs(String endpoint, String region) {
        return com.pulumi.aws.ProviderArgs.builder()
                .region(region)
                .endpoints(com.pulumi.aws.inputs.ProviderEndpointArgs.builder().s3(endpoint).build())
                .s3UsePathStyle(true)
                .skipCredentialsValidation(true)
                .skipRegionValidation(true)
                .skipRequestingAccountId(true)
                .skipMetadataApiCheck(true)
                .build();
    }
}
