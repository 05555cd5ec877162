package dev.derrick.cli;

import dev.derrick.config.StackConfig;
import dev.derrick.config.StackConfigLoader;
import dev.derrick.preflight.CheckLimits;
import dev.derrick.preflight.Clouds;
import dev.derrick.preflight.StackOutputs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "verify",
        mixinStandardHelpOptions = true,
        description = {"Live checks after `pulumi up`: what the stack promised, read back from the cloud, in parallel:",
                "  AWS: buckets exist, versioned, encrypted as configured, public access blocked (S3); registries exist with "
                        + "scan on push and tag immutability as configured (ECR); EKS clusters ACTIVE at the configured version "
                        + "and endpoint access; node groups ACTIVE at the configured min/max (EKS).",
                "  GCP: GKE clusters RUNNING at the configured version, node pools (autoscaling, machine type, accelerators, Spot); "
                        + "buckets (versioning, public access prevention, uniform access, CMEK); Artifact Registry (immutable tags, cleanup policies).",
                "  Azure: AKS clusters and agent pools (state, version, autoscaling, VM size, priority); Blob containers private "
                        + "with soft delete; ACR (Premium, admin user off, retention).",
                "Names come from --outputs, the file `pulumi stack output --json` writes.",
                "Exit codes: 4 if any check FAILs; UNKNOWN alone exits 0 (printed with its reason); 2 on bad input or config."},
        footer = {"", "Examples:",
                "  pulumi stack output -s prod --json > outputs.json && ./derrick verify -s prod --outputs outputs.json"})
final class VerifyCommand implements Callable<Integer> {
    @Mixin
    StackOptions stack;

    @Mixin
    CheckOptions options;

    @Option(names = "--outputs", paramLabel = "FILE", required = true,
            description = "The stack's outputs as `pulumi stack output --json` prints them.")
    Path outputsFile;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        options.output.textOrJson("verify");
        CheckLimits limits = options.limits();
        var endpoints = options.endpoints();
        StackOutputs outputs;
        try {
            outputs = StackOutputs.read(outputsFile);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--outputs " + Printable.line(e.getMessage()));
        } catch (dev.derrick.io.InputFileException e) {
            throw new UserInputException("--outputs " + Printable.line(e.getMessage()));
        }
        StackConfig config = StackConfigLoader.load(stack.load());
        try (var clouds = new Clouds(endpoints, limits)) {
            return CheckRun.execute(spec, options, "verify", config.stack(), clouds.verify(config, outputs), limits);
        }
    }
}
