package dev.derrick.cli;

import dev.derrick.config.StackConfig;
import dev.derrick.config.StackConfigLoader;
import dev.derrick.preflight.CheckLimits;
import dev.derrick.preflight.Clouds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "preflight",
        mixinStandardHelpOptions = true,
        description = {"Live checks before `pulumi up`, all in parallel, each with a timeout and bounded retries:",
                "  AWS: credentials (STS GetCallerIdentity); each pool's instance type offered in each of its zones "
                        + "(EC2 DescribeInstanceTypeOfferings); the vCPU quota of each instance family at max scale "
                        + "(Service Quotas); explicit bucket names free or ours (S3 HeadBucket); registry names free or Derrick's (ECR).",
                "  GCP: each GPU pool's accelerator offered in each zone; regional GPU quota at max scale; reservations of "
                        + "reserved pools READY with room; explicit bucket names free or ours; Artifact Registry repositories free or Derrick's.",
                "  Azure: each pool's VM size offered and unrestricted in its zones; VM family vCPU quota at max scale; "
                        + "explicit storage account names free or ours.",
                "Each check reports PASS, FAIL (with the figure and the fix) or UNKNOWN (with the reason: no credentials, "
                        + "throttled, timed out, endpoint refused, ...). One line per finished check goes to stderr while they run.",
                "Credentials come from each cloud SDK's default chain (AWS: environment, profiles, SSO, instance roles; "
                        + "GCP: Application Default Credentials; Azure: DefaultAzureCredential and AZURE_SUBSCRIPTION_ID).",
                "Exit codes: 4 if any check FAILs; UNKNOWN alone exits 0 (it is printed, not hidden); 2 on bad input or config."},
        footer = {"", "Examples:",
                "  ./derrick preflight -s prod",
                "  ./derrick preflight -s prod --output json --no-progress > preflight.json",
                "  ./derrick preflight -s dev --endpoint aws=http://127.0.0.1:5000     # against an emulator (moto)"})
final class PreflightCommand implements Callable<Integer> {
    @Mixin
    StackOptions stack;

    @Mixin
    CheckOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        options.output.textOrJson("preflight");
        CheckLimits limits = options.limits();
        var endpoints = options.endpoints();
        StackConfig config = StackConfigLoader.load(stack.load());
        try (var clouds = new Clouds(endpoints, limits)) {
            return CheckRun.execute(spec, options, "preflight", config.stack(), clouds.preflight(config), limits);
        }
    }
}
