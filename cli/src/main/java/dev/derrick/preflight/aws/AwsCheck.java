package dev.derrick.preflight.aws;

import dev.derrick.preflight.Check;
import dev.derrick.preflight.CheckResult;

/** Base of the AWS checks: the region they call and how SDK failures read. */
abstract class AwsCheck implements Check {
    protected final AwsClients aws;
    protected final String region;

    AwsCheck(AwsClients aws, String region) {
        this.aws = aws;
        this.region = region;
    }

    /** The IAM permission the check needs, named in the fix when access is denied. */
    abstract String permission();

    @Override
    public CheckResult unknown(Throwable failure) {
        return AwsFailures.unknown(this, failure, permission());
    }
}
