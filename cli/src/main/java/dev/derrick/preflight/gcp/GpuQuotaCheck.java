package dev.derrick.preflight.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.derrick.preflight.CheckResult;
import dev.derrick.preflight.Reason;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The region's GPU quota for an accelerator covers the stack's pools at max scale: Compute
 * Engine v1 {@code GET projects/{project}/regions/{region}} -> {@code quotas[]} of
 * {@code {metric, limit, usage}} (https://cloud.google.com/compute/docs/reference/rest/v1/regions/get).
 * Metrics per GPU model, on-demand {@code NVIDIA_<MODEL>_GPUS} and Spot/preemptible
 * {@code PREEMPTIBLE_NVIDIA_<MODEL>_GPUS}, e.g. {@code NVIDIA_L4_GPUS}, {@code NVIDIA_H100_GPUS},
 * {@code NVIDIA_A100_80GB_GPUS} (https://cloud.google.com/compute/resource-usage#gpu_quota and
 * the {@code Quota.metric} enum of the v1 API). Compares {@code limit - usage} with GPUs at max scale.
 */
final class GpuQuotaCheck extends GcpCheck {
    /** One pool's share: {@code maxNodes x gpusPerNode} GPUs. */
    record Demand(String pool, int maxNodes, int gpusPerNode) {
    }

    private final String region;
    private final String metric;
    private final List<Demand> demands;

    GpuQuotaCheck(GcpClients gcp, String project, int maxAttempts, String region, String metric, List<Demand> demands) {
        super(gcp, project, maxAttempts);
        this.region = region;
        this.metric = metric;
        this.demands = List.copyOf(demands);
    }

    /**
     * The quota metric of a GCP accelerator type: {@code nvidia-l4} -> {@code NVIDIA_L4_GPUS},
     * {@code nvidia-tesla-t4} -> {@code NVIDIA_T4_GPUS}, {@code nvidia-a100-80gb} ->
     * {@code NVIDIA_A100_80GB_GPUS}, {@code nvidia-h100-80gb} -> {@code NVIDIA_H100_GPUS},
     * {@code nvidia-h100-mega-80gb} -> {@code NVIDIA_H100_MEGA_GPUS}; Spot adds {@code PREEMPTIBLE_}.
     */
    static String metric(String acceleratorType, boolean spot) {
        String m = acceleratorType.toLowerCase(Locale.ROOT).replace("nvidia-tesla-", "nvidia-");
        if (m.startsWith("nvidia-h100") || m.startsWith("nvidia-h200")) {
            m = m.replace("-80gb", "").replace("-141gb", "");
        }
        m = m.toUpperCase(Locale.ROOT).replace('-', '_') + "_GPUS";
        return spot ? "PREEMPTIBLE_" + m : m;
    }

    @Override
    String permission() {
        return "compute.regions.get (e.g. roles/compute.viewer)";
    }

    @Override
    public String id() {
        return "gcp.gpu-quota";
    }

    @Override
    public String subject() {
        return region + " " + metric;
    }

    @Override
    public CheckResult run() throws Exception {
        long needed = 0;
        var parts = new ArrayList<String>();
        for (Demand d : demands) {
            needed += (long) d.maxNodes() * d.gpusPerNode();
            parts.add(d.pool() + ": " + d.maxNodes() + " x " + d.gpusPerNode() + " GPU");
        }
        String how = String.join("; ", parts);
        JsonNode r = gcp.compute("projects/" + enc(project) + "/regions/" + enc(region));
        if (r == null) {
            return CheckResult.fail(this, "region " + region + " not found for project " + project, "use a Compute Engine region (gcloud compute regions list)");
        }
        if (!r.path("quotas").isArray()) {
            throw new GcpClients.UnreadableResponseException("regions.get without quotas[]");
        }
        for (JsonNode q : r.path("quotas")) {
            if (metric.equals(q.path("metric").asText())) {
                if (!q.path("limit").isNumber() || !q.path("usage").isNumber()) {
                    throw new GcpClients.UnreadableResponseException("quota " + metric + " without numeric limit and usage");
                }
                long limit = (long) Math.floor(q.path("limit").asDouble());
                long usage = (long) Math.ceil(q.path("usage").asDouble());
                long free = limit - usage;
                String figure = "needs " + needed + " GPUs at max scale (" + how + "), quota " + limit + " with " + usage + " in use, " + free + " free";
                if (needed > free) {
                    return CheckResult.fail(this, figure, "request " + metric + " >= " + (needed + usage) + " in " + region
                            + " (IAM & Admin > Quotas), or lower the pools' max");
                }
                return CheckResult.pass(this, figure);
            }
        }
        return CheckResult.unknown(this, Reason.NOT_PUBLISHED, "region " + region + " has no quota " + metric + " (needs " + needed + " GPUs: " + how + ")",
                "check the accelerator is offered in " + region + " (gcp.accelerator-type) and look the quota up in the console");
    }
}
