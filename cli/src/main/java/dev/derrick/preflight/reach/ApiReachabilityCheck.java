package dev.derrick.preflight.reach;

import dev.derrick.config.ClusterSpec;
import dev.derrick.config.EndpointAccess;
import dev.derrick.config.internal.Cidr;
import dev.derrick.config.internal.NodeReader;
import dev.derrick.preflight.Check;
import dev.derrick.preflight.CheckResult;
import dev.derrick.preflight.Reason;

import java.util.List;
import java.util.function.Supplier;

/**
 * Whether this machine, the one about to run {@code pulumi up}, will reach a cluster's Kubernetes API once it exists:
 * Derrick installs Helm releases and Kubernetes objects through that endpoint in the same run, so an unreachable API
 * fails the first of them after the cluster is built. Decided before anything is created, from the stack alone:
 *
 * <ul>
 *   <li>a public endpoint: this machine's egress address ({@link EgressAddress}) is inside {@code authorizedNetworks};</li>
 *   <li>a private endpoint: one of this machine's own addresses is inside the cluster's network ({@code vpcCidr}). A
 *       machine that reaches the network through a VPN or peering is not seen: run preflight on the runner itself.</li>
 * </ul>
 * Clusters on existing subnets and AKS private clusters (an AKS-managed network) have no range Derrick knows: UNKNOWN.
 */
public final class ApiReachabilityCheck implements Check {
    public static final String ID = "cluster.api-reachable";

    private final ClusterSpec cluster;
    private final Supplier<String> egress;
    private final Supplier<List<String>> localAddresses;

    /**
     * @param egress         this machine's public address (throws when it cannot be found)
     * @param localAddresses this machine's own IPv4 addresses
     */
    public ApiReachabilityCheck(ClusterSpec cluster, Supplier<String> egress, Supplier<List<String>> localAddresses) {
        this.cluster = cluster;
        this.egress = egress;
        this.localAddresses = localAddresses;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String subject() {
        return cluster.name() + " (" + NodeReader.token(cluster.target()) + ", " + NodeReader.token(cluster.endpointAccess()) + " endpoint)";
    }

    @Override
    public CheckResult run() {
        if (cluster.endpointAccess() != EndpointAccess.PRIVATE) {
            String address = egress.get();
            for (String cidr : cluster.authorizedNetworks()) {
                if (contains(cidr, address)) {
                    return CheckResult.pass(this, "this machine's address " + address + " is in authorizedNetworks (" + cidr + ")");
                }
            }
            return CheckResult.fail(this, "this machine's address " + address + " is outside authorizedNetworks " + cluster.authorizedNetworks()
                            + ": pulumi up would build the cluster and then fail at its first Kubernetes resource",
                    "add " + address + "/32 (or your egress range) to authorizedNetworks, or run pulumi up from a listed network");
        }
        if (cluster.vpcCidr() == null) {
            return CheckResult.unknown(this, Reason.NOT_SUPPORTED, "the cluster's network range is not known to Derrick (existing subnets, or an "
                    + "AKS-managed network)", "run pulumi up from a machine inside the cluster's network (README: Private clusters)");
        }
        List<String> mine = localAddresses.get();
        for (String address : mine) {
            if (contains(cluster.vpcCidr(), address)) {
                return CheckResult.pass(this, "this machine (" + address + ") is inside the cluster's network " + cluster.vpcCidr());
            }
        }
        return CheckResult.fail(this, "the endpoint is private and this machine " + mine + " is outside the cluster's network " + cluster.vpcCidr()
                        + ": pulumi up would build the cluster and then fail at its first Kubernetes resource",
                "run pulumi up from a runner inside " + cluster.vpcCidr() + " (README: Private clusters), or use endpointAccess: "
                        + "public-and-private with authorizedNetworks; through a VPN or peering, run preflight on the runner itself");
    }

    @Override
    public CheckResult unknown(Throwable failure) {
        return CheckResult.unknown(this, failure instanceof java.net.http.HttpTimeoutException || failure.getCause() instanceof java.net.http.HttpTimeoutException
                        ? Reason.TIMED_OUT : Reason.ENDPOINT_REFUSED,
                "could not find this machine's public address: " + failure.getMessage(),
                "set " + EgressAddress.ENV + "=<this machine's public IPv4 address> (or " + EgressAddress.URL_ENV + " to a service that returns it)");
    }

    static boolean contains(String cidr, String address) {
        Cidr block = Cidr.parse(cidr);
        Cidr host = Cidr.parse(address + "/32");
        return block != null && host != null && block.overlaps(host);
    }
}
