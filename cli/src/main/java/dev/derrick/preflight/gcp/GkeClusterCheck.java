package dev.derrick.preflight.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.derrick.config.ClusterSpec;
import dev.derrick.preflight.CheckResult;
import dev.derrick.preflight.StackOutputs;

/**
 * A deployed GKE cluster is RUNNING at the configured Kubernetes minor: GKE v1
 * {@code GET projects/{p}/locations/{region}/clusters/{name}} -> {@code status},
 * {@code currentMasterVersion} (e.g. {@code 1.35.1-gke.1000}) (https://cloud.google.com/kubernetes-engine/docs/reference/rest/v1/projects.locations.clusters#Cluster).
 */
final class GkeClusterCheck extends GcpCheck {
    private final ClusterSpec spec;
    private final String output;
    private final String name;

    GkeClusterCheck(GcpClients gcp, String project, int maxAttempts, ClusterSpec spec, String output, String name) {
        super(gcp, project, maxAttempts);
        this.spec = spec;
        this.output = output;
        this.name = name;
    }

    @Override
    public String id() {
        return "gcp.gke-cluster";
    }

    @Override
    public String subject() {
        return spec.name() + (name == null ? "" : " " + name + " (" + spec.region() + ")");
    }

    @Override
    String permission() {
        return "container.clusters.get (e.g. roles/container.clusterViewer)";
    }

    @Override
    public CheckResult run() throws Exception {
        if (name == null) {
            return CheckResult.fail(this, "no cluster name in the stack outputs", StackOutputs.missingFix(output));
        }
        JsonNode c = gcp.container("projects/" + enc(project) + "/locations/" + enc(spec.region()) + "/clusters/" + enc(name));
        if (c == null) {
            return CheckResult.fail(this, "cluster does not exist", "run pulumi up for this stack (or check --outputs is this stack's)");
        }
        String status = c.path("status").asText("");
        String version = c.path("currentMasterVersion").asText("");
        if (status.isEmpty() || version.isEmpty() || !name.equals(c.path("name").asText())) {
            throw new GcpClients.UnreadableResponseException("clusters.get without name, status and currentMasterVersion");
        }
        String figure = status + ", Kubernetes " + version;
        if (!"RUNNING".equals(status)) {
            return CheckResult.fail(this, figure + ", expected RUNNING", "look at the cluster's operations (gcloud container operations list)");
        }
        String want = spec.kubernetesVersion();
        if (want != null && !(version.equals(want) || version.startsWith(want + ".") || version.startsWith(want + "-"))) {
            return CheckResult.fail(this, figure + ", expected " + want, "run pulumi up (the control plane's version drifted from minMasterVersion)");
        }
        return CheckResult.pass(this, figure);
    }
}
