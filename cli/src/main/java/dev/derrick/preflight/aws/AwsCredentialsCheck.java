package dev.derrick.preflight.aws;

import dev.derrick.preflight.CheckResult;

/** Credentials from the SDK's default chain work: STS GetCallerIdentity answers with an account. */
final class AwsCredentialsCheck extends AwsCheck {
    AwsCredentialsCheck(AwsClients aws, String region) {
        super(aws, region);
    }

    @Override
    public String id() {
        return "aws.credentials";
    }

    @Override
    public String subject() {
        return "default credential chain (" + region + ")";
    }

    @Override
    String permission() {
        return "sts:GetCallerIdentity (needs no policy; a deny names an SCP or a permissions boundary)";
    }

    @Override
    public CheckResult run() {
        var who = aws.sts(region).getCallerIdentity();
        // Account id and principal ARN are identifiers, not secrets; keys are never read here.
        return CheckResult.pass(this, "account " + UnreadableResponse.require(who.account(), "Account")
                + " as " + UnreadableResponse.require(who.arn(), "Arn"));
    }
}
