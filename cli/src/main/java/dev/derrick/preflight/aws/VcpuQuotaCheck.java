package dev.derrick.preflight.aws;

import dev.derrick.preflight.CheckResult;
import dev.derrick.preflight.Reason;
import software.amazon.awssdk.services.ec2.model.InstanceTypeInfo;
import software.amazon.awssdk.services.servicequotas.model.NoSuchResourceException;
import software.amazon.awssdk.services.servicequotas.model.ServiceQuota;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The region's vCPU quota for an instance family group covers the stack's pools at max scale:
 * Service Quotas GetServiceQuota (the applied value), else GetAWSDefaultServiceQuota (quotas
 * never raised have no applied value). vCPUs per node come from the catalog, else EC2
 * DescribeInstanceTypes. The quota is shared with everything else running in the account, so
 * a PASS means "fits the quota", not "fits what is left of it".
 */
final class VcpuQuotaCheck extends AwsCheck {
    /**
     * One pool's share of a quota.
     *
     * @param pool  {@code <cluster>/<pool>}
     * @param vcpus vCPUs per node, or null to look them up
     */
    record Demand(String pool, String instanceType, int maxNodes, Integer vcpus) {
    }

    private final Ec2VcpuQuota quota;
    private final List<Demand> demands;

    VcpuQuotaCheck(AwsClients aws, String region, Ec2VcpuQuota quota, List<Demand> demands) {
        super(aws, region);
        this.quota = quota;
        this.demands = List.copyOf(demands);
    }

    @Override
    public String id() {
        return "aws.vcpu-quota";
    }

    @Override
    public String subject() {
        return region + " " + quota.label();
    }

    @Override
    String permission() {
        return "servicequotas:GetServiceQuota, servicequotas:GetAWSDefaultServiceQuota and ec2:DescribeInstanceTypes";
    }

    @Override
    public CheckResult run() {
        Map<String, Integer> vcpus = vcpusPerNode();
        var unknownTypes = demands.stream().map(Demand::instanceType).filter(t -> !vcpus.containsKey(t)).distinct().toList();
        if (!unknownTypes.isEmpty()) {
            return CheckResult.unknown(this, Reason.NOT_PUBLISHED, "EC2 DescribeInstanceTypes does not know " + String.join(", ", unknownTypes)
                    + " in " + region, "check the machineType spelling (aws.instance-type reports the same pool)");
        }
        long needed = 0;
        var parts = new ArrayList<String>();
        for (Demand d : demands) {
            int per = vcpus.get(d.instanceType());
            needed += (long) d.maxNodes() * per;
            parts.add(d.pool() + ": " + d.maxNodes() + " x " + d.instanceType() + " x " + per);
        }
        String how = String.join("; ", parts);
        ServiceQuota q;
        String kind = "applied";
        try {
            q = aws.quotas(region).getServiceQuota(b -> b.serviceCode(Ec2VcpuQuota.SERVICE_CODE).quotaCode(quota.code())).quota();
        } catch (NoSuchResourceException notApplied) {
            try {
                q = aws.quotas(region).getAWSDefaultServiceQuota(b -> b.serviceCode(Ec2VcpuQuota.SERVICE_CODE).quotaCode(quota.code())).quota();
                kind = "default";
            } catch (NoSuchResourceException none) {
                return CheckResult.unknown(this, Reason.NOT_PUBLISHED, "Service Quotas has no value for " + quota.code() + " in " + region
                        + " (needs " + needed + " vCPUs at max scale: " + how + ")", "look the quota up in the Service Quotas console");
            }
        }
        UnreadableResponse.require(q, "Quota");
        if (q.value() == null) {
            return CheckResult.unknown(this, Reason.NOT_PUBLISHED, "quota " + quota.code() + " has no value", null);
        }
        long limit = (long) Math.floor(q.value());
        String figure = "needs " + needed + " vCPUs at max scale (" + how + "), " + kind + " quota is " + limit;
        if (needed > limit) {
            return CheckResult.fail(this, figure,
                    "request " + quota.code() + " (" + quota.name() + ") >= " + needed + " in " + region
                            + " (Service Quotas console, or aws service-quotas request-service-quota-increase --service-code ec2 --quota-code "
                            + quota.code() + " --desired-value " + needed + "), or lower the pools' max");
        }
        return CheckResult.pass(this, figure + " (running instances also count against it)");
    }

    private Map<String, Integer> vcpusPerNode() {
        var out = new LinkedHashMap<String, Integer>();
        var lookup = new ArrayList<String>();
        for (Demand d : demands) {
            if (d.vcpus() != null) {
                out.put(d.instanceType(), d.vcpus());
            } else if (!lookup.contains(d.instanceType())) {
                lookup.add(d.instanceType());
            }
        }
        if (!lookup.isEmpty()) {
            for (InstanceTypeInfo info : aws.ec2(region).describeInstanceTypes(b -> b.instanceTypesWithStrings(lookup)).instanceTypes()) {
                out.put(info.instanceTypeAsString(), info.vCpuInfo().defaultVCpus());
            }
        }
        return out;
    }
}
