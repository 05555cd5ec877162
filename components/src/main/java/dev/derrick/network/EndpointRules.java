package dev.derrick.network;

import dev.derrick.config.ClusterSpec;
import dev.derrick.config.EndpointAccess;
import dev.derrick.config.Target;
import dev.derrick.config.internal.Cidr;
import dev.derrick.config.internal.NodeReader;
import dev.derrick.config.internal.RuleSink;

import java.util.List;

/**
 * Who may reach a cluster's Kubernetes API: {@code endpointAccess} and {@code authorizedNetworks}, the same model on
 * every cloud.
 *
 * <ul>
 *   <li>A public endpoint is always restricted: it needs {@code authorizedNetworks} (EKS {@code publicAccessCidrs},
 *       GKE master authorized networks, AKS authorized IP ranges). Without them EKS and AKS would open the API to the
 *       whole internet; Derrick does so only when {@code 0.0.0.0/0} is written (the prod policy
 *       {@code prod-endpoint-restricted} refuses that).</li>
 *   <li>Giving {@code authorizedNetworks} without {@code endpointAccess} makes the endpoint public (and private where
 *       the cloud has both), so a stack that names the networks of its operators is reachable from them.</li>
 *   <li>{@code private} keeps the API inside the cluster's network: {@code pulumi up} must then run inside it (README,
 *       "Private clusters"), which {@code derrick preflight} checks.</li>
 *   <li>GKE has no public-only endpoint (the private endpoint always exists with private nodes): {@code public} is
 *       refused there. AKS has public or private, not both: {@code public-and-private} is refused there.</li>
 * </ul>
 */
public final class EndpointRules {
    private EndpointRules() {
    }

    /** The access when the cluster does not write {@code endpointAccess}: public (restricted) when networks are named, else private. */
    public static EndpointAccess defaultAccess(Target target, List<String> authorizedNetworks) {
        if (authorizedNetworks == null || authorizedNetworks.isEmpty()) {
            return EndpointAccess.PRIVATE;
        }
        return target == Target.AZURE ? EndpointAccess.PUBLIC : EndpointAccess.PUBLIC_AND_PRIVATE;
    }

    /** Whether a CIDR admits every address ({@code 0.0.0.0/0}). */
    public static boolean isOpen(String cidr) {
        Cidr c = Cidr.parse(cidr);
        return c != null && c.prefix() == 0;
    }

    /** The rules of cluster {@code c} at {@code path} ({@code derrick:clusters[i]}). */
    public static void cluster(ClusterSpec c, String path, RuleSink sink) {
        List<String> networks = c.authorizedNetworks();
        if (c.target() == Target.ONPREM) {
            if (!networks.isEmpty()) {
                sink.add(path + ".authorizedNetworks", "does not apply to onprem: Derrick does not manage an existing cluster's API endpoint",
                        networks.toString(), "remove authorizedNetworks");
            }
            return;
        }
        String cloud = NodeReader.token(c.target());
        for (int i = 0; i < networks.size(); i++) {
            if (Cidr.parse(networks.get(i)) == null) {
                sink.add(path + ".authorizedNetworks[" + i + "]", "not a valid IPv4 CIDR block", "\"" + networks.get(i) + "\"",
                        "write a network and prefix, e.g. 203.0.113.0/24, or one address as 203.0.113.7/32");
            }
        }
        EndpointAccess access = c.endpointAccess();
        if (c.target() == Target.GCP && access == EndpointAccess.PUBLIC) {
            sink.add(path + ".endpointAccess", "gcp has no public-only endpoint: a GKE cluster with private nodes always keeps its private endpoint",
                    "\"public\"", "use public-and-private (restricted by authorizedNetworks) or private");
        }
        if (c.target() == Target.AZURE && access == EndpointAccess.PUBLIC_AND_PRIVATE) {
            sink.add(path + ".endpointAccess", "azure has a public or a private API server, not both", "\"public-and-private\"",
                    "use public (restricted by authorizedNetworks) or private (run pulumi up inside the network)");
        }
        if (access.publicAccess() && networks.isEmpty()) {
            sink.add(path + ".authorizedNetworks", "a public " + cloud + " API endpoint needs authorizedNetworks: without them it is open to the whole internet",
                    null, "list the CIDRs of the machines that run pulumi up and kubectl (e.g. authorizedNetworks: [203.0.113.0/24]), "
                            + "or use endpointAccess: private with a runner inside the network; 0.0.0.0/0 opens it deliberately");
        }
        if (!access.publicAccess() && !networks.isEmpty()) {
            sink.add(path + ".authorizedNetworks", "only applies to a public endpoint; this cluster's endpoint is private", networks.toString(),
                    "set endpointAccess: " + (c.target() == Target.AZURE ? "public" : "public-and-private") + ", or remove authorizedNetworks");
        }
    }
}
