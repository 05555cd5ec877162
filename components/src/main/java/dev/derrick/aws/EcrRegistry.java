package dev.derrick.aws;

import com.pulumi.aws.ecr.LifecyclePolicy;
import com.pulumi.aws.ecr.LifecyclePolicyArgs;
import com.pulumi.aws.ecr.Repository;
import com.pulumi.aws.ecr.RepositoryArgs;
import com.pulumi.aws.ecr.inputs.RepositoryEncryptionConfigurationArgs;
import com.pulumi.aws.ecr.inputs.RepositoryImageScanningConfigurationArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.derrick.config.RegistrySpec;

import java.util.Map;

/**
 * An ECR repository for training and serving images: scan on push, immutable tags, AES256
 * encryption, and a lifecycle policy that expires untagged images and caps the image count.
 */
public final class EcrRegistry extends ComponentResource {
    public static final String TYPE = "derrick:aws:EcrRegistry";

    public final Output<String> repositoryUrl;

    public EcrRegistry(String name, RegistrySpec spec, Map<String, String> tags, ComponentResourceOptions options) {
        super(TYPE, name, options);
        var repo = new Repository(name.replace('/', '-'), RepositoryArgs.builder()
                .name(spec.name())
                .imageScanningConfiguration(RepositoryImageScanningConfigurationArgs.builder().scanOnPush(spec.scanOnPush()).build())
                .imageTagMutability(spec.immutableTags() ? "IMMUTABLE" : "MUTABLE")
                .encryptionConfigurations(RepositoryEncryptionConfigurationArgs.builder().encryptionType("AES256").build())
                .forceDelete(false)
                .tags(tags)
                .build(), CustomResourceOptions.builder().parent(this).protect(spec.protect()).build());
        new LifecyclePolicy(name.replace('/', '-') + "-lifecycle", LifecyclePolicyArgs.builder()
                .repository(repo.name())
                .policy(lifecyclePolicy(spec))
                .build(), CustomResourceOptions.builder().parent(this).build());
        this.repositoryUrl = repo.repositoryUrl();
        registerOutputs(Map.of("repositoryUrl", repositoryUrl));
    }

    /** ECR lifecycle policy JSON (rule shape per the ECR lifecycle policy documentation). */
    static String lifecyclePolicy(RegistrySpec spec) {
        return "{\"rules\":["
                + "{\"rulePriority\":1,\"description\":\"expire untagged images after " + spec.untaggedExpireDays() + " days\","
                + "\"selection\":{\"tagStatus\":\"untagged\",\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\",\"countNumber\":" + spec.untaggedExpireDays() + "},"
                + "\"action\":{\"type\":\"expire\"}},"
                + "{\"rulePriority\":2,\"description\":\"keep the newest " + spec.keepLastImages() + " images\","
                + "\"selection\":{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":" + spec.keepLastImages() + "},"
                + "\"action\":{\"type\":\"expire\"}}]}";
    }
}
