package dev.derrick.preflight.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.derrick.config.RegistrySpec;
import dev.derrick.preflight.CheckResult;
import dev.derrick.preflight.StackOutputs;

import java.util.ArrayList;

/**
 * One Artifact Registry repository, read with {@code GET projects/{p}/locations/{region}/repositories/{id}}
 * (https://cloud.google.com/artifact-registry/docs/reference/rest/v1/projects.locations.repositories#Repository:
 * {@code labels}, {@code dockerConfig.immutableTags}, {@code cleanupPolicies} keyed by id, {@code cleanupPolicyDryRun}).
 * <ul>
 * <li>preflight ({@code gcp.registry}): free (404), or Derrick's ({@code managed-by: derrick} label, same
 *     {@code environment}); another repository of that id makes {@code pulumi up} fail with 409 ALREADY_EXISTS.</li>
 * <li>verify ({@code gcp.registry-settings}): immutable tags as configured; the cleanup policies
 *     {@code ArtifactRegistry} writes (delete-untagged after {@code untaggedExpireDays}, keep-newest
 *     {@code keepLastImages}), not in dry-run.</li>
 * </ul>
 */
final class ArtifactRegistryCheck extends GcpCheck {
    private final RegistrySpec spec;
    private final boolean verify;
    private final String environment;
    private final String output;
    private final String url;

    /** A preflight check. */
    static ArtifactRegistryCheck preflight(GcpClients gcp, String project, int maxAttempts, RegistrySpec spec, String environment) {
        return new ArtifactRegistryCheck(gcp, project, maxAttempts, spec, false, environment, null, null);
    }

    /** A verify check; {@code url} null when the outputs lack it. */
    static ArtifactRegistryCheck verify(GcpClients gcp, String project, int maxAttempts, RegistrySpec spec, String output, String url) {
        return new ArtifactRegistryCheck(gcp, project, maxAttempts, spec, true, null, output, url);
    }

    private ArtifactRegistryCheck(GcpClients gcp, String project, int maxAttempts, RegistrySpec spec, boolean verify, String environment,
                                  String output, String url) {
        super(gcp, project, maxAttempts);
        this.spec = spec;
        this.verify = verify;
        this.environment = environment;
        this.output = output;
        this.url = url;
    }

    @Override
    public String id() {
        return verify ? "gcp.registry-settings" : "gcp.registry";
    }

    @Override
    public String subject() {
        return "artifact registry " + spec.name() + " (" + spec.region() + ")";
    }

    @Override
    String permission() {
        return "artifactregistry.repositories.get (e.g. roles/artifactregistry.reader)";
    }

    @Override
    public CheckResult run() throws Exception {
        if (verify && url == null) {
            return CheckResult.fail(this, "no repository URL in the stack outputs", StackOutputs.missingFix(output));
        }
        JsonNode repo = gcp.artifactRegistry("projects/" + enc(project) + "/locations/" + enc(spec.region()) + "/repositories/" + enc(spec.name()));
        if (repo == null) {
            return verify ? CheckResult.fail(this, "repository does not exist", "run pulumi up for this stack")
                    : CheckResult.pass(this, "free: pulumi up creates it");
        }
        if (!repo.path("name").asText("").endsWith("/repositories/" + spec.name())) {
            throw new GcpClients.UnreadableResponseException("repositories.get without the repository's name");
        }
        return verify ? settings(repo) : ownership(repo);
    }

    private CheckResult ownership(JsonNode repo) {
        JsonNode labels = repo.path("labels");
        if (!"derrick".equals(labels.path("managed-by").asText(null))) {
            return CheckResult.fail(this, "exists but was not created by Derrick (no managed-by=derrick label): pulumi up would fail with ALREADY_EXISTS",
                    "adopt it (pulumi import gcp:artifactregistry/repository:Repository " + spec.name() + " projects/" + project + "/locations/"
                            + spec.region() + "/repositories/" + spec.name() + ") or choose another registry name");
        }
        String env = labels.path("environment").asText(null);
        if (env != null && environment != null && !env.equals(environment)) {
            return CheckResult.fail(this, "exists and belongs to environment " + env + ", not " + environment, "give this stack's registry another name");
        }
        return CheckResult.pass(this, "exists, managed by Derrick (environment " + (env == null ? "?" : env) + "): pulumi up updates it in place");
    }

    private CheckResult settings(JsonNode repo) {
        var problems = new ArrayList<String>();
        var found = new ArrayList<String>();
        boolean immutable = repo.path("dockerConfig").path("immutableTags").asBoolean(false);
        (immutable == spec.immutableTags() ? found : problems).add("tags " + (immutable ? "immutable" : "mutable")
                + (immutable == spec.immutableTags() ? "" : ", expected " + (spec.immutableTags() ? "immutable" : "mutable")));
        JsonNode policies = repo.path("cleanupPolicies");
        String olderThan = policies.path("delete-untagged").path("condition").path("olderThan").asText("");
        String wantOlderThan = spec.untaggedExpireDays() * 86400 + "s";
        if (!wantOlderThan.equals(olderThan)) {
            problems.add("delete-untagged after " + (olderThan.isEmpty() ? "(no policy)" : olderThan) + ", expected " + wantOlderThan);
        } else {
            found.add("untagged deleted after " + spec.untaggedExpireDays() + " days");
        }
        long keep = policies.path("keep-newest").path("mostRecentVersions").path("keepCount").asLong(-1);
        if (keep != spec.keepLastImages()) {
            problems.add("keep-newest " + (keep < 0 ? "(no policy)" : keep) + ", expected " + spec.keepLastImages());
        } else {
            found.add("newest " + keep + " kept");
        }
        if (repo.path("cleanupPolicyDryRun").asBoolean(false)) {
            problems.add("cleanup policies in dry-run");
        }
        if (!problems.isEmpty()) {
            return CheckResult.fail(this, String.join("; ", problems), "run pulumi up to restore the repository's settings");
        }
        return CheckResult.pass(this, String.join(", ", found));
    }
}
