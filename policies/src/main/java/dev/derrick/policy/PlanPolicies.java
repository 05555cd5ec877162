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
    static final String GCS_STORE = "derrick:gcp:GcsObjectStore";
    static final String GCS_BUCKET = "gcp:storage/bucket:Bucket";
    static final String BLOB_STORE = "derrick:azure:BlobObjectStore";
    static final String STORAGE_ACCOUNT = "azure-native:storage:StorageAccount";
    static final String BLOB_SERVICE = "azure-native:storage:BlobServiceProperties";
    static final String ARTIFACT_REPO = "gcp:artifactregistry/repository:Repository";
    static final String GCP_SERVICE = "gcp:projects/service:Service";
    static final String ACR = "azure-native:containerregistry:Registry";
    static final String S3_COMPATIBLE_STORE = "derrick:onprem:S3CompatibleStore";
    static final String BUCKET_ACL = "aws:s3/bucketAclV2:BucketAclV2";
    static final String IN_CLUSTER_STORE = "derrick:onprem:InClusterObjectStore";
    static final String OCI_REGISTRY = "derrick:onprem:OciRegistry";
    static final String HELM_RELEASE = "kubernetes:helm.sh/v3:Release";
    /** In-cluster stores and registries keep their data in the Helm release's volumes: the component is protected as a whole. */
    static final Set<String> DATA_STORES = Set.of(BUCKET, GCS_BUCKET, STORAGE_ACCOUNT, IN_CLUSTER_STORE);
    static final Set<String> REGISTRIES = Set.of(ECR, ARTIFACT_REPO, ACR, OCI_REGISTRY);
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
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
        return plan.resources().stream().filter(r -> Set.of(S3_STORE, GCS_STORE, BLOB_STORE, S3_COMPATIBLE_STORE, IN_CLUSTER_STORE)
                .contains(r.type())).toList();
    }

    /** The Helm values of an in-cluster store's or registry's release; empty when unknown. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> releaseValues(Plan plan, PlannedResource component) {
        PlannedResource release = child(plan, component, HELM_RELEASE);
        return release != null && release.inputs().get("values") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** zot's config.json of an in-cluster registry, parsed; null when it cannot be read. */
    private static com.fasterxml.jackson.databind.JsonNode zotConfig(Plan plan, PlannedResource registry) {
        Object text = Plan.get(releaseValues(plan, registry), "configFiles.config.json");
        if (!(text instanceof String s)) {
            // The key has a dot: read the map directly.
            Object files = releaseValues(plan, registry).get("configFiles");
            text = files instanceof Map<?, ?> m ? m.get("config.json") : null;
        }
        try {
            return text instanceof String s ? JSON.readTree(s) : null;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return null;
        }
    }

    private static PlannedResource child(Plan plan, PlannedResource parent, String type) {
        return plan.childrenOf(parent.urn()).stream().filter(r -> r.type().equals(type)).findFirst().orElse(null);
    }

    static List<Violation> encrypted(PolicyContext ctx) {
        var out = new ArrayList<Violation>();
        for (PlannedResource store : stores(ctx.plan())) {
            if (store.type().equals(IN_CLUSTER_STORE)) {
                if (!Boolean.TRUE.equals(Plan.get(releaseValues(ctx.plan(), store), "filer.encryptVolumeData"))) {
                    out.add(new Violation(store.name(), "in-cluster store does not encrypt volume data", "use InClusterObjectStore, which sets filer.encryptVolumeData"));
                }
                continue;
            }
            if (!store.type().equals(S3_STORE) && !store.type().equals(S3_COMPATIBLE_STORE)) {
                // GCS and Azure Storage encrypt every object at rest and cannot be turned off (Google- or
                // Microsoft-managed keys by default); only a customer key would be a setting.
                continue;
            }
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
            boolean blocked = switch (store.type()) {
                case S3_STORE -> {
                    PlannedResource pab = child(ctx.plan(), store, PUBLIC_ACCESS);
                    yield pab != null && PUBLIC_ACCESS_FLAGS.stream().allMatch(f -> Boolean.TRUE.equals(pab.inputs().get(f)));
                }
                case GCS_STORE -> {
                    PlannedResource b = child(ctx.plan(), store, GCS_BUCKET);
                    yield b != null && "enforced".equals(b.inputs().get("publicAccessPrevention"))
                            && Boolean.TRUE.equals(b.inputs().get("uniformBucketLevelAccess"));
                }
                // S3-compatible endpoints implement no Block Public Access: the bucket is private by ACL and gets no policy.
                case S3_COMPATIBLE_STORE -> {
                    PlannedResource acl = child(ctx.plan(), store, BUCKET_ACL);
                    yield acl != null && "private".equals(acl.inputs().get("acl"));
                }
                case IN_CLUSTER_STORE -> {
                    var values = releaseValues(ctx.plan(), store);
                    Object buckets = Plan.get(values, "filer.s3.createBuckets");
                    yield Boolean.TRUE.equals(Plan.get(values, "filer.s3.enableAuth")) && buckets instanceof List<?> list
                            && list.stream().noneMatch(b -> b instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("anonymousRead")));
                }
                default -> {
                    PlannedResource account = child(ctx.plan(), store, STORAGE_ACCOUNT);
                    yield account != null && Boolean.FALSE.equals(account.inputs().get("allowBlobPublicAccess"));
                }
            };
            if (!blocked) {
                out.add(new Violation(store.name(), "public access is not fully blocked",
                        "use the store component (S3: all four block flags; GCS: public access prevention enforced + uniform access; Azure: allowBlobPublicAccess false; "
                                + "S3-compatible: private ACL; in-cluster: S3 auth on, no anonymous read)"));
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
            boolean versioned = switch (store.type()) {
                case S3_STORE, S3_COMPATIBLE_STORE -> {
                    PlannedResource v = child(ctx.plan(), store, VERSIONING);
                    yield v != null && "Enabled".equals(Plan.get(v.inputs(), "versioningConfiguration.status"));
                }
                case GCS_STORE -> {
                    PlannedResource b = child(ctx.plan(), store, GCS_BUCKET);
                    yield b != null && Boolean.TRUE.equals(Plan.get(b.inputs(), "versioning.enabled"));
                }
                // SeaweedFS in the cluster keeps no object versions.
                case IN_CLUSTER_STORE -> false;
                default -> {
                    PlannedResource props = child(ctx.plan(), store, BLOB_SERVICE);
                    yield props != null && Boolean.TRUE.equals(props.inputs().get("isVersioningEnabled"));
                }
            };
            if (!versioned) {
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
        // Artifact Registry scans through the project-wide Container Scanning API.
        boolean gcpScanning = ctx.plan().ofType(GCP_SERVICE).stream()
                .anyMatch(s -> "containerscanning.googleapis.com".equals(s.inputs().get("service")));
        for (PlannedResource repo : ctx.plan().ofType(ARTIFACT_REPO)) {
            if (!gcpScanning) {
                out.add(new Violation(repo.name(), "the Container Scanning API is not enabled for the project", "set scanOnPush: true"));
            }
        }
        for (PlannedResource registry : ctx.plan().ofType(OCI_REGISTRY)) {
            var config = zotConfig(ctx.plan(), registry);
            if (config == null || !config.path("extensions").path("search").path("cve").isObject()) {
                out.add(new Violation(registry.name(), "zot does not scan images for CVEs", "set scanOnPush: true (zot's search extension with Trivy)"));
            }
        }
        for (PlannedResource repo : ctx.plan().ofType(ACR)) {
            out.add(new Violation(repo.name(), "Azure Container Registry has no per-registry scan-on-push setting",
                    "enable Microsoft Defender for Containers on the subscription, then set this policy to advisory for the stack"));
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
        for (PlannedResource repo : ctx.plan().ofType(ARTIFACT_REPO)) {
            if (!Boolean.TRUE.equals(Plan.get(repo.inputs(), "dockerConfig.immutableTags"))) {
                out.add(new Violation(repo.name(), "tags can be overwritten: a deployed image can change under its tag", "set immutableTags: true"));
            }
        }
        for (PlannedResource registry : ctx.plan().ofType(OCI_REGISTRY)) {
            out.add(new Violation(registry.name(), "zot has no tag immutability",
                    "push each release tag once from the release pipeline (or use an existing registry that locks tags), then set this policy to advisory for the stack"));
        }
        for (PlannedResource repo : ctx.plan().ofType(ACR)) {
            out.add(new Violation(repo.name(), "Azure Container Registry has no registry-wide tag immutability",
                    "lock released images (az acr repository update --write-enabled false) in the release pipeline, then set this policy to advisory for the stack"));
        }
        return out;
    }

    static List<Violation> requiredTags(PolicyContext ctx) {
        var required = ctx.config().policy().requiredTags();
        var out = new ArrayList<Violation>();
        for (PlannedResource r : ctx.plan().resources()) {
            // AWS and Azure call them tags; Google Cloud calls them labels (resourceLabels on GKE).
            String key = r.inputs().containsKey("tags") ? "tags"
                    : r.type().startsWith("gcp:") && r.inputs().containsKey("labels") ? "labels"
                    : r.type().startsWith("gcp:") && r.inputs().containsKey("resourceLabels") ? "resourceLabels" : null;
            if (!r.custom() || key == null) {
                continue;
            }
            if (!(r.inputs().get(key) instanceof Map<?, ?> tags)) {
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
            if ((DATA_STORES.contains(r.type()) || REGISTRIES.contains(r.type())) && !r.protect() && !r.retainOnDelete()) {
                out.add(new Violation(r.type() + " " + r.name(), "a prod data store can be deleted by pulumi destroy or a replacement",
                        "set protect: true on the store or registry"));
            }
        }
        return out;
    }
}
