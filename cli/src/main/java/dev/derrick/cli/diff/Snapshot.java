package dev.derrick.cli.diff;

import dev.derrick.cli.StackPlan;
import dev.derrick.cli.render.CostRenderer;
import dev.derrick.plan.PlannedResource;
import dev.derrick.policy.Verdict;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a diff compares: a stack's resources, cost totals and policy statuses. Built from a fresh
 * plan or read back from a saved plan JSON ({@code ./derrick plan --output json}).
 *
 * @param stack      stack name
 * @param resources  URN -> resource
 * @param hourlyMin  USD per hour at min scale
 * @param hourlyMax  USD per hour at max scale
 * @param gpusMax    GPUs at max scale
 * @param policies   policy id -> status (PASS, FAIL, WARN, SKIPPED)
 */
public record Snapshot(String stack, Map<String, PlannedResource> resources, double hourlyMin, double hourlyMax, int gpusMax,
                       Map<String, String> policies) {

    public static Snapshot of(StackPlan sp) {
        var resources = new LinkedHashMap<String, PlannedResource>();
        sp.plan().resources().forEach(r -> resources.put(r.urn(), r));
        var policies = new LinkedHashMap<String, String>();
        for (Verdict v : sp.policies().verdicts()) {
            policies.put(v.policy().id(), v.status().name());
        }
        // At the precision a saved plan JSON keeps, so a plan diffed against its own saved JSON shows no cost change.
        return new Snapshot(sp.plan().stack(), resources, CostRenderer.round(sp.cost().hourlyAtMin()), CostRenderer.round(sp.cost().hourlyAtMax()),
                sp.cost().gpusAtMax(), policies);
    }
}
