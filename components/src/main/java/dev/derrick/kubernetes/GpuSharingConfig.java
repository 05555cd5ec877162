package dev.derrick.kubernetes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.derrick.catalog.Catalog;
import dev.derrick.catalog.MigProfile;
import dev.derrick.config.NodePoolSpec;
import dev.derrick.config.SharingMode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The NVIDIA GPU operator's configuration for a cluster's GPU pools, rendered as the operator's
 * documentation writes it:
 *
 * <ul>
 *   <li>time-slicing: a device plugin ConfigMap with one entry per config ({@code version: v1},
 *       {@code sharing.timeSlicing.resources: [{name: nvidia.com/gpu, replicas: N}]}), referenced by the
 *       chart's {@code devicePlugin.config.name}; each node picks its entry with the label
 *       {@code nvidia.com/device-plugin.config} ("Time-Slicing GPUs in Kubernetes",
 *       docs.nvidia.com/datacenter/cloud-native/gpu-operator/latest/gpu-sharing.html, published 2025-09-10);</li>
 *   <li>MIG: a MIG manager ConfigMap with {@code config.yaml} in mig-parted's format
 *       ({@code version: v1}, {@code mig-configs: {all-1g.10gb: [{devices: all, mig-enabled: true,
 *       mig-devices: {"1g.10gb": 7}}]}}) plus {@code all-disabled}, referenced by
 *       {@code migManager.config.name}; each node picks its configuration with the label
 *       {@code nvidia.com/mig.config} ("GPU Operator with MIG",
 *       docs.nvidia.com/datacenter/cloud-native/gpu-operator/latest/gpu-operator-mig.html), and the device
 *       plugin runs with {@code migStrategy: single} (each MIG instance is one {@code nvidia.com/gpu}).</li>
 * </ul>
 *
 * Every pool with sharing gets its own device plugin entry, named after the pool; pools without
 * sharing use {@value #DEFAULT_CONFIG}.
 */
public final class GpuSharingConfig {
    public static final String DEVICE_PLUGIN_CONFIGMAP = "derrick-device-plugin-config";
    public static final String MIG_CONFIGMAP = "derrick-mig-parted-config";
    /** The device plugin entry of nodes without a {@code nvidia.com/device-plugin.config} label. */
    public static final String DEFAULT_CONFIG = "default";
    /** The MIG manager configuration of nodes without a {@code nvidia.com/mig.config} label (the chart's own default). */
    public static final String MIG_DISABLED = "all-disabled";
    /** The resource the device plugin advertises, shared by time-slicing and (with migStrategy single) MIG. */
    public static final String GPU_RESOURCE = "nvidia.com/gpu";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR));

    private GpuSharingConfig() {
    }

    /** Whether any pool partitions its GPUs with MIG (the MIG manager runs and the device plugin uses migStrategy single). */
    public static boolean usesMig(List<NodePoolSpec> pools) {
        return pools.stream().anyMatch(p -> p.sharing() != null && p.sharing().mode() == SharingMode.MIG);
    }

    /** The device plugin's MIG strategy for the whole cluster: {@code single} with MIG pools, else {@code none}. */
    public static String migStrategy(List<NodePoolSpec> pools) {
        return usesMig(pools) ? "single" : "none";
    }

    /** The device plugin ConfigMap's data: {@value #DEFAULT_CONFIG} plus one entry per pool with sharing, each a YAML document. */
    public static Map<String, String> devicePluginConfigs(List<NodePoolSpec> pools) {
        var out = new TreeMap<String, String>();
        String strategy = migStrategy(pools);
        out.put(DEFAULT_CONFIG, yaml(devicePluginConfig(strategy, null)));
        for (NodePoolSpec p : pools) {
            if (!p.isGpu() || p.sharing() == null || p.sharing().mode() == null) {
                continue;
            }
            Integer replicas = p.sharing().mode() == SharingMode.TIME_SLICING ? p.sharing().replicas() : null;
            out.put(p.name(), yaml(devicePluginConfig(strategy, replicas)));
        }
        return out;
    }

    private static Map<String, Object> devicePluginConfig(String migStrategy, Integer replicas) {
        var config = new LinkedHashMap<String, Object>();
        config.put("version", "v1");
        config.put("flags", Map.of("migStrategy", migStrategy));
        if (replicas != null) {
            var resource = new LinkedHashMap<String, Object>();
            resource.put("name", GPU_RESOURCE);
            resource.put("replicas", replicas);
            config.put("sharing", Map.of("timeSlicing", Map.of("resources", List.of(resource))));
        }
        return config;
    }

    /**
     * The MIG manager's {@code config.yaml}: {@value #MIG_DISABLED} and, per MIG profile in use, the configuration
     * that puts it on every GPU of a node with as many instances as fit one GPU (from the catalog's MIG table).
     */
    public static String migPartedConfig(List<NodePoolSpec> pools, Catalog catalog) {
        var configs = new LinkedHashMap<String, Object>();
        var disabled = new LinkedHashMap<String, Object>();
        disabled.put("devices", "all");
        disabled.put("mig-enabled", false);
        configs.put(MIG_DISABLED, List.of(disabled));
        for (NodePoolSpec p : pools) {
            if (!p.isGpu() || p.sharing() == null || p.sharing().mode() != SharingMode.MIG) {
                continue;
            }
            MigProfile profile = catalog.accelerator(p.accelerator()).flatMap(a -> a.migProfile(p.sharing().profile()))
                    .orElseThrow(() -> new IllegalStateException("MIG profile " + p.sharing().profile() + " of " + p.accelerator() + " passed validation"));
            var device = new LinkedHashMap<String, Object>();
            device.put("devices", "all");
            device.put("mig-enabled", true);
            device.put("mig-devices", Map.of(profile.name(), profile.instances()));
            configs.put(NodePoolSpec.migConfigName(profile.name()), List.of(device));
        }
        var root = new LinkedHashMap<String, Object>();
        root.put("version", "v1");
        root.put("mig-configs", configs);
        return yaml(root);
    }

    static String yaml(Object value) {
        try {
            return YAML.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
