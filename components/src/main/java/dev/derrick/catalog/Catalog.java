package dev.derrick.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The accelerator catalog: GPU models and the instance types each cloud sells them in, with
 * specs and list prices, each figure with its source and date. Loaded from
 * {@code dev/derrick/catalog/accelerators.yaml}.
 */
public final class Catalog {
    public static final String RESOURCE = "/dev/derrick/catalog/accelerators.yaml";
    private static volatile Catalog bundled;

    private final Map<String, Accelerator> accelerators;
    private final Map<String, CloudCatalog> clouds;

    private Catalog(Map<String, Accelerator> accelerators, Map<String, CloudCatalog> clouds) {
        this.accelerators = accelerators;
        this.clouds = clouds;
    }

    /** The catalog shipped in the jar (parsed once). */
    public static Catalog bundled() {
        Catalog c = bundled;
        if (c == null) {
            synchronized (Catalog.class) {
                if (bundled == null) {
                    try (InputStream in = Catalog.class.getResourceAsStream(RESOURCE)) {
                        if (in == null) {
                            throw new IllegalStateException("catalog resource missing: " + RESOURCE);
                        }
                        bundled = parse(in);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                c = bundled;
            }
        }
        return c;
    }

    public static Catalog parse(InputStream in) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
        var sources = new LinkedHashMap<String, Source>();
        root.path("sources").fields().forEachRemaining(e -> {
            JsonNode s = e.getValue();
            sources.put(e.getKey(), new Source(e.getKey(), s.path("title").asText(null), s.path("url").asText(null),
                    s.path("date").asText(null), s.path("note").asText(null)));
        });
        var accelerators = new LinkedHashMap<String, Accelerator>();
        root.path("accelerators").fields().forEachRemaining(e -> {
            JsonNode a = e.getValue();
            var mig = new ArrayList<MigProfile>();
            a.path("mig").path("profiles").forEach(m -> mig.add(new MigProfile(m.path("name").asText(), m.path("instances").asInt(),
                    m.hasNonNull("memoryGiB") ? m.get("memoryGiB").asDouble() : null)));
            accelerators.put(e.getKey(), new Accelerator(e.getKey(), a.path("vendor").asText(), a.path("model").asText(),
                    a.path("memoryGiB").asInt(), a.path("architecture").asText(null), mig, source(sources, a.path("mig").path("source"))));
            source(sources, a.path("mig").path("memorySource"));   // a named source must exist
        });
        var clouds = new LinkedHashMap<String, CloudCatalog>();
        root.path("clouds").fields().forEachRemaining(e -> {
            JsonNode c = e.getValue();
            var regions = new ArrayList<String>();
            c.path("regions").forEach(r -> regions.add(r.asText()));
            clouds.put(e.getKey(), new CloudCatalog(e.getKey(), c.path("referenceRegion").asText(), List.copyOf(regions),
                    c.path("spot").path("discount").asDouble(0), source(sources, c.path("spot").path("source")),
                    types(c.path("instanceTypes"), sources, accelerators), types(c.path("cpuInstanceTypes"), sources, accelerators)));
        });
        return new Catalog(Map.copyOf(accelerators), Map.copyOf(clouds));
    }

    private static Fabric fabric(JsonNode f, Map<String, Source> sources) {
        if (f.isMissingNode() || f.isNull()) {
            return null;
        }
        Source s = source(sources, f.path("source"));
        if (s == null || f.path("interfaces").asInt(0) < 1) {
            throw new IllegalStateException("catalog fabric " + f + " needs interfaces >= 1 and a source");
        }
        return new Fabric(f.path("kind").asText(), f.path("interfaces").asInt(), s);
    }

    private static Source source(Map<String, Source> sources, JsonNode id) {
        if (id.isMissingNode() || id.isNull()) {
            return null;
        }
        Source s = sources.get(id.asText());
        if (s == null) {
            throw new IllegalStateException("catalog names unknown source '" + id.asText() + "'");
        }
        return s;
    }

    private static List<InstanceType> types(JsonNode list, Map<String, Source> sources, Map<String, Accelerator> accelerators) {
        var out = new ArrayList<InstanceType>();
        for (JsonNode t : list) {
            String acc = t.path("accelerator").asText(null);
            if (acc != null && !accelerators.containsKey(acc)) {
                throw new IllegalStateException("catalog instance type " + t.path("name").asText() + " names unknown accelerator '" + acc + "'");
            }
            out.add(new InstanceType(t.path("name").asText(), acc, t.path("acceleratorType").asText(null), t.path("gpus").asInt(0),
                    t.path("vcpus").asInt(), t.path("memoryGiB").asDouble(), t.path("onDemandUsdPerHour").asDouble(),
                    t.path("region").asText(null), source(sources, t.path("source")), fabric(t.path("fabric"), sources)));
        }
        return List.copyOf(out);
    }

    public Optional<Accelerator> accelerator(String key) {
        return Optional.ofNullable(accelerators.get(key));
    }

    public List<String> acceleratorKeys() {
        return List.copyOf(new TreeSet<>(accelerators.keySet()));
    }

    public Optional<CloudCatalog> cloud(String cloud) {
        return Optional.ofNullable(clouds.get(cloud));
    }

    /**
     * The instance type for a pool: the explicit {@code machineType} if given (for a GPU pool, its
     * entry with the accelerator and {@code gpusPerNode}), else the cheapest type with
     * {@code gpusPerNode} GPUs of the accelerator (any count when null: the smallest). Empty for
     * an uncatalogued CPU type.
     */
    public Optional<InstanceType> pick(String cloud, String accelerator, Integer gpusPerNode, String machineType) {
        CloudCatalog c = clouds.get(cloud);
        if (c == null) {
            return Optional.empty();
        }
        if (machineType != null) {
            return c.find(machineType, accelerator, gpusPerNode);
        }
        return c.offering(accelerator).stream()
                .filter(t -> gpusPerNode == null || t.gpus() == gpusPerNode)
                .min(Comparator.comparingInt(InstanceType::gpus).thenComparingDouble(InstanceType::onDemandUsdPerHour));
    }
}
