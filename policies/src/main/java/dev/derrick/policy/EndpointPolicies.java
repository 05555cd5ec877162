package dev.derrick.policy;

import dev.derrick.config.ClusterSpec;
import dev.derrick.config.Target;
import dev.derrick.network.EndpointRules;

import java.util.ArrayList;
import java.util.List;

/** Policies over who may reach a cluster's API (dev.derrick.network.EndpointRules). */
final class EndpointPolicies {
    private EndpointPolicies() {
    }

    static List<Policy> all() {
        return List.of(new Policy("prod-endpoint-restricted",
                "A production cluster's public API endpoint is never open to the whole internet (0.0.0.0/0 in authorizedNetworks)",
                Enforcement.MANDATORY, false, EndpointPolicies::restricted));
    }

    static List<Violation> restricted(PolicyContext ctx) {
        var out = new ArrayList<Violation>();
        if (!ctx.isProd()) {
            return out;
        }
        var clusters = ctx.config().clusters();
        for (int i = 0; i < clusters.size(); i++) {
            ClusterSpec c = clusters.get(i);
            if (c.target() == Target.ONPREM || !c.endpointAccess().publicAccess()) {
                continue;
            }
            for (int j = 0; j < c.authorizedNetworks().size(); j++) {
                String cidr = c.authorizedNetworks().get(j);
                if (EndpointRules.isOpen(cidr)) {
                    out.add(new Violation("derrick:clusters[" + i + "].authorizedNetworks[" + j + "] (" + c.name() + ")",
                            "the public API endpoint admits every address (" + cidr + ")",
                            "list the CIDRs of your operators and CI runners, or use endpointAccess: private with a runner inside the network"));
                }
            }
        }
        return out;
    }
}
