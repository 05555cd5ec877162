package dev.derrick.preflight.aws;

import dev.derrick.preflight.CheckResult;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecr.model.Tag;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * A registry's repository name is free in the account and region, or already Derrick's: ECR
 * DescribeRepositories, then ListTagsForResource. A repository without Derrick's
 * {@code managed-by} tag makes {@code pulumi up} fail with RepositoryAlreadyExistsException.
 */
final class RegistryStateCheck extends AwsCheck {
    private final String registry;
    private final String environment;

    RegistryStateCheck(AwsClients aws, String region, String registry, String environment) {
        super(aws, region);
        this.registry = registry;
        this.environment = environment;
    }

    @Override
    public String id() {
        return "aws.registry";
    }

    @Override
    public String subject() {
        return "ecr " + registry + " (" + region + ")";
    }

    @Override
    String permission() {
        return "ecr:DescribeRepositories and ecr:ListTagsForResource";
    }

    @Override
    public CheckResult run() {
        Repository repo;
        try {
            repo = onlyRepository(aws.ecr(region).describeRepositories(b -> b.repositoryNames(registry)).repositories());
        } catch (RepositoryNotFoundException free) {
            return CheckResult.pass(this, "free: pulumi up creates it");
        }
        Map<String, String> tags = aws.ecr(region).listTagsForResource(b -> b.resourceArn(repo.repositoryArn())).tags().stream()
                .collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> a));
        String adopt = "adopt it (pulumi import aws:ecr/repository:Repository " + registry.replace('/', '-') + " " + registry
                + ") or choose another registry name";
        if (!"derrick".equals(tags.get("managed-by"))) {
            return CheckResult.fail(this, "exists but was not created by Derrick (no managed-by=derrick tag): pulumi up would fail with RepositoryAlreadyExistsException",
                    adopt);
        }
        String env = tags.get("environment");
        if (env != null && !env.equals(environment)) {
            return CheckResult.fail(this, "exists and belongs to environment " + env + ", not " + environment,
                    "give this stack's registry another name");
        }
        return CheckResult.pass(this, "exists, managed by Derrick (environment " + (env == null ? "?" : env) + "): pulumi up updates it in place");
    }

    /** ECR answers a missing name with RepositoryNotFoundException, so an empty list is an answer it never gives. */
    static Repository onlyRepository(java.util.List<Repository> repositories) {
        if (repositories == null || repositories.size() != 1 || repositories.get(0).repositoryArn() == null) {
            throw new UnreadableResponse("DescribeRepositories answered " + (repositories == null ? 0 : repositories.size())
                    + " repositories for one name");
        }
        return repositories.get(0);
    }
}
