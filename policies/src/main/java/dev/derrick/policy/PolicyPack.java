package dev.derrick.policy;

import dev.derrick.catalog.Catalog;
import dev.derrick.config.ConfigError;
import dev.derrick.config.ConfigException;
import dev.derrick.config.StackConfig;
import dev.derrick.cost.CostEstimator;
import dev.derrick.cost.CostReport;
import dev.derrick.plan.Plan;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Derrick's policies, their enforcement on a stack, and the gate the Pulumi program runs. */
public final class PolicyPack {
    private PolicyPack() {
    }

    public static List<Policy> all() {
        return Stream.of(SpecPolicies.all(), KarpenterPolicies.all(), EndpointPolicies.all(), PlanPolicies.all(), KueuePolicies.all(),
                        TrackingPolicies.all(), ServingPolicies.all())
                .flatMap(List::stream).toList();
    }

    /** The date rules are judged on: {@code -Dderrick.today=YYYY-MM-DD} pins it (tests, reproducible CI), else today. */
    public static LocalDate today() {
        String pinned = System.getProperty("derrick.today");
        return pinned == null || pinned.isBlank() ? LocalDate.now() : LocalDate.parse(pinned);
    }

    /** Evaluates every policy; plan-level ones only when a plan is given. */
    public static PolicyReport evaluate(StackConfig config, Catalog catalog, Plan plan, LocalDate today) {
        return evaluate(config, catalog, CostEstimator.estimate(config, catalog), plan, today);
    }

    /** As above, with the stack's cost estimate already made (the CLI prints it too). */
    public static PolicyReport evaluate(StackConfig config, Catalog catalog, CostReport cost, Plan plan, LocalDate today) {
        checkOverrides(config);
        var ctx = new PolicyContext(config, catalog, cost, today, plan);
        var verdicts = new ArrayList<Verdict>();
        Map<String, String> overrides = config.policy().overrides();
        for (Policy p : all()) {
            if (p.needsPlan() && plan == null) {
                continue;
            }
            Enforcement e = overrides.containsKey(p.id()) ? Enforcement.parse(overrides.get(p.id())) : p.defaultEnforcement();
            verdicts.add(new Verdict(p, e, e == Enforcement.DISABLED ? List.of() : p.check().apply(ctx)));
        }
        return new PolicyReport(verdicts);
    }

    /** The gate inside the Pulumi program: spec-level mandatory failures stop preview and up. */
    public static void enforceSpec(StackConfig config, Catalog catalog) {
        PolicyReport report = evaluate(config, catalog, null, today());
        if (report.mandatoryFailed()) {
            throw new PolicyViolationException(report.failures());
        }
    }

    /** Overrides must name real policies: a typo would silently keep a policy mandatory (or not). */
    static void checkOverrides(StackConfig config) {
        var ids = all().stream().map(Policy::id).toList();
        var errors = new ArrayList<ConfigError>();
        config.policy().overrides().keySet().forEach(id -> {
            if (!ids.contains(id)) {
                String guess = dev.derrick.config.internal.Suggest.closest(id, ids);
                errors.add(new ConfigError("Pulumi." + config.stack() + ".yaml", "derrick:policy.overrides." + id, "unknown policy", "\"" + id + "\"",
                        guess != null ? "did you mean " + guess + "?" : "known policies: " + String.join(", ", ids)));
            }
        });
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
    }

    /** One line per violation: {@code [FAIL] id: resource: why; fix: ...}. */
    public static String line(Verdict v, Violation x) {
        return "[" + v.status() + "] " + v.policy().id() + ": " + x.resource() + ": " + x.why() + "; fix: " + x.fix();
    }
}
