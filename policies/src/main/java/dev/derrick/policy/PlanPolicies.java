package dev.derrick.policy;

import dev.derrick.plan.Plan;
import dev.derrick.plan.PlannedResource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Policies over the captured plan: what the program actually registers. */
final class PlanPolicies {
    static final String S3_STORE = "derrick:aws:S3ObjectStore";
    static final String BUCKET = "aws:s3/bucketV2:BucketV2";
    static final String SSE = "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2";
    static final String PUBLIC_ACCESS = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
    static final String VERSIONING = "aws:s3/bucketVersioningV2:BucketVersioningV2";
    static final String ECR = "aws:ecr/repository:Repository";
    private static final Set<String> PUBLIC_ACCESS_FLAGS = Set.of("blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets");

    private PlanPolicies() {
    }

    static List<Policy> all() {
        return List.of(
                new Policy("object-store-encrypted", "Object stores have default encryption at rest",
                        Enforcement.MANDATORY, true, PlanPolicies::encrypted),
                new Policy("object-store-public-access-blocked", "Object stores block every kind of public access",
                        Enforcement.MANDATORY, true, PlanPolicies::publicAccessBlocked),
                new Policy("object-store-versioned-in-prod", "Prod object stores keep object versions",
                        Enforcement.MANDATORY, true, PlanPolicies::versionedInProd),
                new Policy("registry-scan-on-push", "Registries scan images on push",
                        Enforcement.MANDATORY, true, PlanPolicies::scanOnPush),
                new Policy("registry-immutable-tags-in-prod", "Prod registries refuse to overwrite a tag",
                        Enforcement.MANDATORY, true, PlanPolicies::immutableTagsInProd),
                new Policy("required-tags", "Every taggable resource carries the tags in derrick:policy.requiredTags",
                        Enforcement.MANDATORY, true, PlanPolicies::requiredTags),
                new Policy("prod-data-protected", "Prod object stores and registries are protected against deletion (protect or retainOnDelete)",
                        Enforcement.MANDATORY, true, PlanPolicies::prodDataProtected));
    }

    private static List<PlannedResource> stores(Plan plan) {
        return plan.ofType(S3_STORE);
    }

    private static PlannedResource child(Plan plan, PlannedResource parent, String type) {
        return plan.childrenOf(parent.urn()).stream().filter(r -> r.type().equals(type)).findFirst().orElse(null);
    }

    static List<Violation> encrypted(PolicyContext ctx) {
        var out = new ArrayList<Violation>();
        for (PlannedResource store : stores(ctx.plan())) {
            PlannedResource sse = child(ctx.plan(), store, SSE);
            Object algorithm = sse == null ? null : Plan.get(sse.inputs(), "rules.0.applyServerSideEncryptionByDefault.sseAlgorithm");
            if (algorithm == null) {
                out.add(new Violation(store.name(), "bucket has no default encryption configuration", "use S3ObjectStore, which always sets SSE"));
            }
        }
        return out;
    }

    static List<Violation> publicAccessBlocked(PolicyContext ctx) {
        var out = new ArrayList<Violation>();
        for (PlannedResource store : stores(ctx.plan())) {
            PlannedResource pab = child(ctx.plan(), store, PUBLIC_ACCESS);
            if (pab == null || !PUBLIC_ACCESS_FLAGS.stream().allMatch(f -> Boolean.TRUE.equals(pab.inputs().get(f)))) {
                out.add(new Violation(store.name(), "public access is not fully blocked", "set all four public access block flags to true"));
            }
        }
        return out;
    }

    static List<Violation> versionedInProd(PolicyContext ctx) {
        if (!ctx.isProd()) {
            return List.of();
        }
        var out = new ArrayList<Violation>();
        for (PlannedResource store : stores(ctx.plan())) {
            PlannedResource v = child(ctx.plan(), store, VERSIONING);
            if (v == null || !"Enabled".equals(Plan.get(v.inputs(), "versioningConfiguration.status"))) {
                out.add(new Violation(store.name(), "prod bucket is not versioned: an overwrite or delete loses data", "set versioning: true"));
            }
        }
        return out;
    }

    static List<Violation> scanOnPush(PolicyContext ctx) {
        var out = new ArrayList<Violation>();
        for (PlannedResource repo : ctx.plan().ofType(ECR)) {
            if (!Boolean.TRUE.equals(Plan.get(repo.inputs(), "imageScanningConfiguration.scanOnPush"))) {
                out.add(new Violation(String.valueOf(repo.inputs().get("name")), "images are not scanned on push", "set scanOnPush: true"));
            }
        }
        return out;
    }

    static List<Violation> immutableTagsInProd(PolicyContext ctx) {
        if (!ctx.isProd()) {
            return List.of();
        }
        var out = new ArrayList<Violation>();
        for (PlannedResource repo : ctx.plan().ofType(ECR)) {
            if (!"IMMUTABLE".equals(repo.inputs().get("imageTagMutability"))) {
                out.add(new Violation(String.valueOf(repo.inputs().get("name")), "tags can be overwritten: a deployed image can change under its tag",
                        "set immutableTags: true"));
            }
        }
        return out;
    }

    static List<Violation> requiredTags(PolicyContext ctx) {
        var required = ctx.config().policy().requiredTags();
        var out = new ArrayList<Violation>();
        for (PlannedResource r : ctx.plan().resources()) {
            if (!r.custom() || !r.inputs().containsKey("tags")) {
                continue;
            }
            if (!(r.inputs().get("tags") instanceof Map<?, ?> tags)) {
                continue; // unknown or secret: cannot be judged offline
            }
            var missing = required.stream().filter(t -> !tags.containsKey(t)).toList();
            if (!missing.isEmpty()) {
                out.add(new Violation(r.type() + " " + r.name(), "missing tags " + missing, "add them to derrick:tags"));
            }
        }
        return out;
    }

    static List<Violation> prodDataProtected(PolicyContext ctx) {
        if (!ctx.isProd()) {
            return List.of();
        }
        var out = new ArrayList<Violation>();
        for (PlannedResource r : ctx.plan().resources()) {
            if ((r.type().equals(BUCKET) || r.type().equals(ECR)) && !r.protect() && !r.retainOnDelete()) {
                out.add(new Violation(r.type() + " " + r.name(), "a prod data store can be deleted by pulumi destroy or a replacement",
                        "set protect: true on the store or registry"));
            }
        }
        return out;
    }
}
