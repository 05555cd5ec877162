package dev.derrick.tests;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;
import software.amazon.awssdk.services.ecr.model.Tag;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.CapacityTypes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

import java.net.URI;
import java.util.Map;

/** Puts things into an AWS emulator through the AWS SDK, as `pulumi up` would have. */
final class MotoSeed implements AutoCloseable {
    /** moto's account id. */
    static final String ACCOUNT = "123456789012";
    static final StaticCredentialsProvider KEYS = StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
    /** Environment for a CLI process that talks to the emulator with the SDK's default chain. */
    static Map<String, String> env(URI endpoint) {
        return Map.of("AWS_ACCESS_KEY_ID", "testing", "AWS_SECRET_ACCESS_KEY", "testing", "AWS_REGION", "us-east-1",
                "DERRICK_AWS_ENDPOINT", endpoint.toString(),
                // preflight's reachability check: this machine as if inside the prod stack's authorizedNetworks (no internet lookup)
                "DERRICK_EGRESS_IP", "203.0.113.9");
    }

    final S3Client s3;
    final EcrClient ecr;
    final EksClient eks;

    MotoSeed(URI endpoint) {
        s3 = S3Client.builder().endpointOverride(endpoint).forcePathStyle(true).region(Region.US_EAST_1).credentialsProvider(KEYS).build();
        ecr = EcrClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(KEYS).build();
        eks = EksClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(KEYS).build();
    }

    /** A bucket as S3ObjectStore makes it (or with versioning left off, to be caught). */
    void bucket(String name, boolean versioned, boolean kms) {
        s3.createBucket(b -> b.bucket(name));
        if (versioned) {
            s3.putBucketVersioning(b -> b.bucket(name).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        }
        s3.putBucketEncryption(b -> b.bucket(name).serverSideEncryptionConfiguration(c -> c.rules(r -> r
                .applyServerSideEncryptionByDefault(d -> d.sseAlgorithm(kms ? ServerSideEncryption.AWS_KMS : ServerSideEncryption.AES256)))));
        s3.putPublicAccessBlock(b -> b.bucket(name).publicAccessBlockConfiguration(p -> p
                .blockPublicAcls(true).ignorePublicAcls(true).blockPublicPolicy(true).restrictPublicBuckets(true)));
    }

    void repository(String name, boolean scanOnPush, boolean immutable, Map<String, String> tags) {
        ecr.createRepository(b -> b.repositoryName(name)
                .imageScanningConfiguration(s -> s.scanOnPush(scanOnPush))
                .imageTagMutability(immutable ? ImageTagMutability.IMMUTABLE : ImageTagMutability.MUTABLE)
                .tags(tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList()));
    }

    void cluster(String name, String version, boolean privateEndpoint, boolean publicEndpoint) {
        eks.createCluster(b -> b.name(name).version(version).roleArn("arn:aws:iam::" + ACCOUNT + ":role/" + name + "-cluster")
                .resourcesVpcConfig(v -> v.subnetIds("subnet-0a", "subnet-0b").endpointPrivateAccess(privateEndpoint).endpointPublicAccess(publicEndpoint)));
    }

    void nodeGroup(String cluster, String name, String instanceType, boolean spot, int min, int max, int desired) {
        eks.createNodegroup(b -> b.clusterName(cluster).nodegroupName(name).nodeRole("arn:aws:iam::" + ACCOUNT + ":role/" + cluster + "-node")
                .subnets("subnet-0a").instanceTypes(instanceType).capacityType(spot ? CapacityTypes.SPOT : CapacityTypes.ON_DEMAND)
                .scalingConfig(s -> s.minSize(min).maxSize(max).desiredSize(desired)));
    }

    @Override
    public void close() {
        s3.close();
        ecr.close();
        eks.close();
    }
}
