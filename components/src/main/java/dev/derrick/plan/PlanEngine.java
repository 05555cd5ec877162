package dev.derrick.plan;

import com.pulumi.Context;
import com.pulumi.deployment.internal.DeploymentImpl;
import com.pulumi.test.Mocks;
import com.pulumi.test.TestOptions;
import com.pulumi.test.internal.PulumiTestInternal;
import pulumirpc.Resource.RegisterResourceRequest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Runs a Pulumi program in-process through the SDK's own mock monitor, in preview mode, with
 * the stack's config, and captures every registration into a {@link Plan}. Nothing is
 * provisioned and no cloud is called: mocked resources echo their inputs as outputs and get no
 * id, so everything a provider would compute stays unknown, as in {@code pulumi preview}.
 */
public final class PlanEngine {
    private PlanEngine() {
    }

    /** Thrown when the program itself fails; carries the program's own exception. */
    public static final class ProgramFailedException extends RuntimeException {
        public ProgramFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * @param config     full config keys to values, as the engine passes them
     * @param secretKeys keys whose values are secret
     */
    public static Plan run(String project, String stack, Map<String, String> config, Set<String> secretKeys, Consumer<Context> program) {
        Mocks mocks = new EchoMocks();
        CapturingMonitor[] monitor = new CapturingMonitor[1];
        var test = PulumiTestInternal.builder()
                .options(TestOptions.builder().projectName(project).stackName(stack).preview(true).build())
                .mocks(mocks)
                .config(config, secretKeys)
                .monitorDecorator(original -> monitor[0] = new CapturingMonitor(mocks, PulumiTestInternal.mockLog()))
                .deploymentFactory(state -> {
                    state.runner = new PlanRunner(state.logger);
                    return new DeploymentImpl(state);
                })
                .build();
        try {
            var result = test.runTest(program);
            if (!result.exceptions().isEmpty()) {
                Throwable first = unwrap(result.exceptions().get(0));
                throw new ProgramFailedException(first.getMessage(), first);
            }
            if (!result.errors().isEmpty()) {
                throw new ProgramFailedException(String.join("; ", result.errors()), null);
            }
            return new Plan(project, stack, resources(monitor[0].registrations()));
        } finally {
            PulumiTestInternal.cleanup();
        }
    }

    static Throwable unwrap(Throwable t) {
        Throwable cur = t;
        while (cur.getCause() != null && cur.getCause() != cur
                && (cur instanceof java.util.concurrent.CompletionException || cur instanceof java.util.concurrent.ExecutionException
                || cur.getClass().getName().startsWith("com.pulumi.") && cur.getCause() instanceof RuntimeException)) {
            cur = cur.getCause();
        }
        return cur;
    }

    /** One registration as the engine received it, converted at once so no protobuf request is kept. */
    static PlannedResource planned(RegisterResourceRequest q, String urn) {
        return new PlannedResource(
                engineUrn(urn),
                q.getType(),
                q.getName(),
                q.getParent().isEmpty() ? null : engineUrn(q.getParent()),
                q.getCustom(),
                providerUrn(q.getProvider()),
                StructValues.toMap(q.getObject()),
                q.getProtect(),
                q.getRetainOnDelete(),
                q.getDependenciesList().stream().map(PlanEngine::engineUrn).sorted().toList(),
                q.getAliasesList().stream().map(a -> a.hasUrn() ? a.getUrn() : a.getSpec().getName()).sorted().toList());
    }

    private static List<PlannedResource> resources(List<PlannedResource> registered) {
        // Registration order depends on thread scheduling; parents first, then by URN, is stable.
        Map<String, String> parentOf = new HashMap<>();
        for (var r : registered) {
            parentOf.put(r.urn(), r.parent());
        }
        var out = new ArrayList<PlannedResource>(registered);
        // Keys are computed once per resource, not per comparison.
        Map<String, String> keys = new HashMap<>();
        out.forEach(p -> keys.put(p.urn(), treeKey(p.urn(), parentOf)));
        out.sort(Comparator.comparing((PlannedResource p) -> keys.get(p.urn())));
        return out;
    }

    private static final String ROOT_STACK_PREFIX = "pulumi:pulumi:Stack$";

    /**
     * The URN the Pulumi engine would assign. The SDK's mock builds child URNs from the parent's
     * full type chain, root stack included ({@code ::pulumi:pulumi:Stack$aws:...}); the engine leaves
     * the root stack type out of the chain. Plans (and their golden URN lists) use the engine's form.
     */
    static String engineUrn(String urn) {
        if (urn == null || urn.isEmpty()) {
            return urn;
        }
        return urn.replace("::" + ROOT_STACK_PREFIX, "::");
    }

    /** A provider reference is {@code <urn>::<id>}; the id is unknown in a preview, so keep the URN. */
    static String providerUrn(String reference) {
        if (reference == null || reference.isEmpty()) {
            return null;
        }
        int i = reference.lastIndexOf("::");
        return engineUrn(i > 0 ? reference.substring(0, i) : reference);
    }

    /** Sort key that lists a resource right after its parent: the chain of URNs from the root. */
    private static String treeKey(String urn, Map<String, String> parentOf) {
        var chain = new ArrayList<String>();
        String cur = urn;
        while (cur != null && !cur.isEmpty() && chain.size() < 64) {
            chain.add(0, cur.substring(cur.lastIndexOf("::") + 2) + "\u0000" + cur);
            cur = parentOf.get(cur);
        }
        return String.join("\u0001", chain);
    }

    /**
     * Mocks that behave like a preview of resources that do not exist yet. A read of an existing object (a
     * {@code get}: Derrick reads on-prem Nodes before patching their taints) finds it with nothing set — an empty
     * {@code metadata} and {@code spec} — so what the program derives from it is known, as for a bare node.
     */
    static final class EchoMocks implements Mocks {
        @Override
        public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
            if (args.id != null && !args.id.isEmpty()) {
                var state = new java.util.HashMap<String, Object>(args.inputs);
                state.putIfAbsent("metadata", java.util.Map.of("name", args.id));
                state.putIfAbsent("spec", java.util.Map.of());
                return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(args.id), state));
            }
            return CompletableFuture.completedFuture(ResourceResult.of(Optional.empty(), args.inputs));
        }

        /** The Cloud Storage service agent is known only once the cloud is asked; offline it is unknown, as a new resource's outputs are. */
        @Override
        public CompletableFuture<java.util.Map<String, Object>> callAsync(CallArgs args) {
            if (args.token.equals("gcp:storage/getProjectServiceAccount:getProjectServiceAccount")) {
                return CompletableFuture.completedFuture(java.util.Map.of("member", com.pulumi.core.internal.Constants.UnknownValue,
                        "emailAddress", com.pulumi.core.internal.Constants.UnknownValue));
            }
            return Mocks.super.callAsync(args);
        }
    }
}
