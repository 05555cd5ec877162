package dev.derrick.preflight.reach;

import dev.derrick.config.StackConfig;
import dev.derrick.config.Target;
import dev.derrick.preflight.Check;

import java.util.List;
import java.util.Map;

/** One {@link ApiReachabilityCheck} per cloud cluster of a stack (on-prem clusters exist and are reached by kubeconfig). */
public final class ApiReachability {
    private ApiReachability() {
    }

    public static List<Check> checks(StackConfig config, Map<String, String> env) {
        var egress = EgressAddress.of(env);
        return config.clusters().stream().filter(c -> c.target() != Target.ONPREM)
                .map(c -> (Check) new ApiReachabilityCheck(c, egress, EgressAddress::local)).toList();
    }
}
