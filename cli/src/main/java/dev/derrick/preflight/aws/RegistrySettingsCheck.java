package dev.derrick.preflight.aws;

import dev.derrick.config.RegistrySpec;
import dev.derrick.preflight.CheckResult;
import dev.derrick.preflight.StackOutputs;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;

import java.util.ArrayList;

/** A deployed registry exists with scan on push and tag immutability as configured: ECR DescribeRepositories. */
final class RegistrySettingsCheck extends AwsCheck {
    private final RegistrySpec spec;
    private final String output;
    private final String repositoryName;

    /** @param repositoryUrl from the stack outputs ({@code <account>.dkr.ecr.<region>.amazonaws.com/<name>}); null when absent */
    RegistrySettingsCheck(AwsClients aws, RegistrySpec spec, String output, String repositoryUrl) {
        super(aws, spec.region());
        this.spec = spec;
        this.output = output;
        this.repositoryName = repositoryUrl == null ? null : repositoryUrl.substring(repositoryUrl.indexOf('/') + 1);
    }

    @Override
    public String id() {
        return "aws.registry-settings";
    }

    @Override
    public String subject() {
        return "ecr " + (repositoryName == null ? spec.name() : repositoryName) + " (" + region + ")";
    }

    @Override
    String permission() {
        return "ecr:DescribeRepositories";
    }

    @Override
    public CheckResult run() {
        if (repositoryName == null) {
            return CheckResult.fail(this, "no repository URL in the stack outputs", StackOutputs.missingFix(output));
        }
        Repository repo;
        try {
            repo = RegistryStateCheck.onlyRepository(aws.ecr(region).describeRepositories(b -> b.repositoryNames(repositoryName)).repositories());
        } catch (RepositoryNotFoundException e) {
            return CheckResult.fail(this, "repository does not exist", "run pulumi up for this stack (or check --outputs is this stack's)");
        }
        var problems = new ArrayList<String>();
        boolean scan = repo.imageScanningConfiguration() != null && Boolean.TRUE.equals(repo.imageScanningConfiguration().scanOnPush());
        if (scan != spec.scanOnPush()) {
            problems.add("scan on push is " + (scan ? "on" : "off") + ", expected " + (spec.scanOnPush() ? "on" : "off"));
        }
        boolean immutable = repo.imageTagMutability() == ImageTagMutability.IMMUTABLE;
        if (immutable != spec.immutableTags()) {
            problems.add("tags are " + repo.imageTagMutabilityAsString() + ", expected " + (spec.immutableTags() ? "IMMUTABLE" : "MUTABLE"));
        }
        if (!problems.isEmpty()) {
            return CheckResult.fail(this, String.join("; ", problems), "run pulumi up to restore the settings");
        }
        return CheckResult.pass(this, "scan on push " + (scan ? "on" : "off") + ", tags " + repo.imageTagMutabilityAsString());
    }
}
