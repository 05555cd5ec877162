package dev.derrick.preflight.aws;

import dev.derrick.preflight.CheckResult;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.InstanceTypeOffering;
import software.amazon.awssdk.services.ec2.model.LocationType;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A pool's instance type is offered in each of its zones: EC2 DescribeInstanceTypeOfferings
 * with location type {@code availability-zone}, filtered to the type (offerings are per zone;
 * an EKS node group in a zone without the type never gets nodes there).
 */
final class InstanceTypeOfferedCheck extends AwsCheck {
    private final String pool;
    private final String instanceType;
    private final List<String> zones;

    /**
     * @param pool  {@code <cluster>/<pool>}
     * @param zones the pool's zones; empty: any zone of the region will do
     */
    InstanceTypeOfferedCheck(AwsClients aws, String region, String pool, String instanceType, List<String> zones) {
        super(aws, region);
        this.pool = pool;
        this.instanceType = instanceType;
        this.zones = List.copyOf(zones);
    }

    @Override
    public String id() {
        return "aws.instance-type";
    }

    @Override
    public String subject() {
        return pool + " " + instanceType + " in " + (zones.isEmpty() ? region : String.join(", ", zones));
    }

    @Override
    String permission() {
        return "ec2:DescribeInstanceTypeOfferings";
    }

    @Override
    public CheckResult run() {
        var offered = new TreeSet<String>();
        for (InstanceTypeOffering o : aws.ec2(region).describeInstanceTypeOfferingsPaginator(b -> b
                .locationType(LocationType.AVAILABILITY_ZONE)
                .filters(Filter.builder().name("instance-type").values(instanceType).build())).instanceTypeOfferings()) {
            if (instanceType.equals(o.instanceTypeAsString())) {
                offered.add(o.location());
            }
        }
        if (zones.isEmpty()) {
            return offered.isEmpty()
                    ? CheckResult.fail(this, instanceType + " is offered in no zone of " + region,
                    "pick another instance type or region (see `./derrick catalog`)")
                    : CheckResult.pass(this, "offered in " + String.join(", ", offered));
        }
        var missing = new ArrayList<String>();
        for (String z : zones) {
            if (!offered.contains(z)) {
                missing.add(z);
            }
        }
        if (missing.isEmpty()) {
            return CheckResult.pass(this, "offered in all " + zones.size() + " zone(s)");
        }
        String elsewhere = offered.isEmpty() ? "in no zone of " + region : "only in " + String.join(", ", offered);
        var keep = new ArrayList<>(zones);
        keep.removeAll(missing);
        return CheckResult.fail(this, instanceType + " is not offered in " + String.join(", ", missing) + " (" + elsewhere + ")",
                offered.isEmpty() ? "pick another instance type or region"
                        : "set the pool's zones to offered ones, e.g. zones: [" + String.join(", ", keep.isEmpty() ? offered : keep) + "]");
    }
}
