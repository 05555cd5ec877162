package dev.derrick.policy;

import dev.derrick.catalog.Catalog;
import dev.derrick.config.RawConfig;
import dev.derrick.config.StackConfig;
import dev.derrick.config.StackConfigLoader;
import dev.derrick.config.StackFiles;
import dev.derrick.plan.Plan;
import dev.derrick.plan.PlanEngine;
import dev.derrick.platform.DerrickProgram;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/** Stacks written to a temp project, validated, and (when asked) planned through the real program. */
final class PolicyFixtures {
    static final LocalDate TODAY = LocalDate.parse("2026-11-23");

    static final String DEV = """
            config:
              derrick:environment: dev
              derrick:tags: {team: ml}
              derrick:clusters:
                - name: train
                  target: aws
                  zones: [us-east-1a]
                  endpointAccess: public-and-private
                  authorizedNetworks: [0.0.0.0/0]
                  nodePools:
                    - {name: system, machineType: m6i.xlarge, min: 1, max: 2}
                    - {name: gpu, accelerator: l4, gpusPerNode: 1, capacity: spot, min: 0, max: 2}
              derrick:objectStores: [{name: datasets}]
              derrick:registries: [{name: ml/training}]
            """;

    static final String PROD = """
            config:
              derrick:environment: prod
              derrick:tags: {team: ml, cost-center: "1"}
              derrick:clusters:
                - name: train
                  target: aws
                  zones: [us-east-1a]
                  endpointAccess: private
                  nodePools:
                    - {name: h100, accelerator: h100-80gb, gpusPerNode: 8, min: 0, max: 2, karpenter: {budgets: [{nodes: "1"}]}}
                    - {name: system, machineType: m6i.xlarge, min: 1, max: 2}
              derrick:objectStores: [{name: datasets, protect: true}]
              derrick:registries: [{name: ml/training, protect: true}]
            """;

    private PolicyFixtures() {
    }

    static Path project(String stackYaml) {
        try {
            Path dir = Files.createTempDirectory("derrick-policy");
            Files.writeString(dir.resolve("Pulumi.yaml"), "name: derrick\nruntime: java\nstackConfigDir: stacks\nconfig:\n  region:\n    type: string\n    default: us-east-1\n");
            Files.createDirectories(dir.resolve("stacks"));
            Files.writeString(dir.resolve("stacks/Pulumi.test.yaml"), stackYaml);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static StackConfig config(String stackYaml) {
        return StackConfigLoader.load(loadAndRemove(stackYaml));
    }

    /** The stack file as loaded from a temporary project folder, which is removed again (nothing reads it later). */
    private static RawConfig loadAndRemove(String stackYaml) {
        Path dir = project(stackYaml);
        try {
            return StackFiles.load(dir, "test");
        } finally {
            try (var files = Files.walk(dir)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static Plan plan(String stackYaml) {
        var raw = loadAndRemove(stackYaml);
        return PlanEngine.run("derrick", "test", raw.asPulumiConfig(), raw.secretKeys(), DerrickProgram::stack);
    }

    static PolicyReport evaluate(String stackYaml, boolean withPlan) {
        return PolicyPack.evaluate(config(stackYaml), Catalog.bundled(), withPlan ? plan(stackYaml) : null, TODAY);
    }

    static PolicyReport evaluate(StackConfig config, Plan plan) {
        return PolicyPack.evaluate(config, Catalog.bundled(), plan, TODAY);
    }

    /** {@code plan} with input {@code key} of every resource of {@code type} set to {@code value}: a failing case made from a passing plan. */
    static Plan withInput(Plan plan, String type, String key, Object value) {
        return new Plan(plan.project(), plan.stack(), plan.resources().stream().map(r -> {
            if (!r.type().equals(type)) {
                return r;
            }
            var inputs = new java.util.LinkedHashMap<String, Object>(r.inputs());
            inputs.put(key, value);
            return new dev.derrick.plan.PlannedResource(r.urn(), r.type(), r.name(), r.parent(), r.custom(), r.provider(), inputs, r.protect(),
                    r.retainOnDelete(), r.dependencies(), r.aliases());
        }).toList());
    }

    static Verdict verdict(PolicyReport report, String id) {
        return report.verdicts().stream().filter(v -> v.policy().id().equals(id)).findFirst().orElseThrow();
    }
}
