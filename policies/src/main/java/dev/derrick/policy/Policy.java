package dev.derrick.policy;

import java.util.List;
import java.util.function.Function;

/**
 * A policy: an id, what it asks for, a default enforcement (a stack may override it) and a
 * check. Spec-level policies look at the config only and also run inside the Pulumi program, so
 * a real {@code pulumi preview} fails on a mandatory violation; plan-level policies need the
 * captured plan.
 */
public record Policy(String id, String description, Enforcement defaultEnforcement, boolean needsPlan,
                     Function<PolicyContext, List<Violation>> check) {
}
