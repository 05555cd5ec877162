package dev.derrick.cli.lookup;

import dev.derrick.catalog.Accelerator;
import dev.derrick.catalog.Catalog;
import dev.derrick.catalog.CloudCatalog;
import dev.derrick.catalog.InstanceType;
import dev.derrick.catalog.MigProfile;
import dev.derrick.cli.UserInputException;
import dev.derrick.config.internal.Suggest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code ./derrick catalog} shows: per accelerator, the machine types each cloud sells it in, with GPU count, vCPU,
 * memory, on-demand list price and the price's source and date, and the accelerator's MIG profiles. The figures are the
 * bundled catalog's, the same ones {@code plan} and {@code cost} use.
 */
public final class CatalogListing {
    /** The clouds the catalog prices, in the order shown. */
    public static final List<String> CLOUDS = List.of("aws", "gcp", "azure");

    /** One machine type offering an accelerator on one cloud. */
    public record Offer(String cloud, InstanceType type, String referenceRegion) {
    }

    /** One accelerator and its offers, filtered. */
    public record Entry(Accelerator accelerator, List<Offer> offers) {
    }

    private CatalogListing() {
    }

    /** The entries for {@code cloud} and {@code accelerator} (null: all); exit 2 on a name the catalog does not know. */
    public static List<Entry> of(Catalog catalog, String cloud, String accelerator) {
        if (cloud != null && !CLOUDS.contains(cloud)) {
            String guess = Suggest.closest(cloud, CLOUDS);
            throw new UserInputException("--cloud " + cloud + ": not a cloud the catalog prices; use " + String.join(", ", CLOUDS)
                    + (guess != null ? " (did you mean " + guess + "?)" : ""));
        }
        if (accelerator != null && catalog.accelerator(accelerator).isEmpty()) {
            String guess = Suggest.closest(accelerator, catalog.acceleratorKeys());
            throw new UserInputException("--accelerator " + accelerator + ": not in the catalog; known: " + String.join(", ", catalog.acceleratorKeys())
                    + (guess != null ? " (did you mean " + guess + "?)" : ""));
        }
        var out = new ArrayList<Entry>();
        for (String key : catalog.acceleratorKeys()) {
            if (accelerator != null && !accelerator.equals(key)) {
                continue;
            }
            var offers = new ArrayList<Offer>();
            for (String c : CLOUDS) {
                if (cloud != null && !cloud.equals(c)) {
                    continue;
                }
                CloudCatalog cc = catalog.cloud(c).orElse(null);
                if (cc == null) {
                    continue;
                }
                cc.offering(key).stream().sorted(Comparator.comparingInt(InstanceType::gpus).thenComparingDouble(InstanceType::onDemandUsdPerHour))
                        .forEach(t -> offers.add(new Offer(c, t, cc.referenceRegion())));
            }
            if (!offers.isEmpty() || accelerator != null) {
                out.add(new Entry(catalog.accelerator(key).orElseThrow(), offers));
            }
        }
        return out;
    }

    public static String text(List<Entry> entries) {
        var sb = new StringBuilder();
        for (Entry e : entries) {
            Accelerator a = e.accelerator();
            sb.append(a.key()).append("  ").append(a.model()).append(", ").append(a.memoryGiB()).append(" GiB, ").append(a.architecture()).append('\n');
            if (e.offers().isEmpty()) {
                sb.append("  (no cloud in this selection sells it)\n");
            }
            for (Offer o : e.offers()) {
                InstanceType t = o.type();
                sb.append(String.format(Locale.ROOT, "  %-6s %-28s %2d GPU  %4d vCPU  %7.1f GiB  $%10.4f/h %-14s %s (%s)%n", o.cloud(), t.name(), t.gpus(),
                        t.vcpus(), t.memoryGiB(), t.onDemandUsdPerHour(), "(" + (t.region() != null ? t.region() : o.referenceRegion()) + ")",
                        t.source() == null ? "-" : t.source().id(), t.source() == null ? "-" : t.source().date()));
            }
            if (a.supportsMig()) {
                var profiles = new ArrayList<String>();
                for (MigProfile p : a.migProfiles()) {
                    profiles.add(p.name() + " x" + p.instances());
                }
                sb.append("  MIG: ").append(String.join(", ", profiles)).append('\n');
            } else {
                sb.append("  MIG: none\n");
            }
        }
        sb.append("On-demand Linux list prices, USD per hour, in the region shown. EFA / GPUDirect support is not in the catalog yet.\n");
        return sb.toString();
    }

    public static List<Object> json(List<Entry> entries) {
        var out = new ArrayList<Object>();
        for (Entry e : entries) {
            Accelerator a = e.accelerator();
            var m = new LinkedHashMap<String, Object>();
            m.put("accelerator", a.key());
            m.put("model", a.model());
            m.put("vendor", a.vendor());
            m.put("memoryGiB", a.memoryGiB());
            m.put("architecture", a.architecture());
            var offers = new ArrayList<Object>();
            for (Offer o : e.offers()) {
                InstanceType t = o.type();
                var om = new LinkedHashMap<String, Object>();
                om.put("cloud", o.cloud());
                om.put("machineType", t.name());
                om.put("gpus", t.gpus());
                om.put("vcpus", t.vcpus());
                om.put("memoryGiB", t.memoryGiB());
                om.put("onDemandUsdPerHour", t.onDemandUsdPerHour());
                om.put("priceRegion", t.region() != null ? t.region() : o.referenceRegion());
                om.put("source", t.source() == null ? null : Map.of("id", t.source().id(), "date", String.valueOf(t.source().date()), "url", String.valueOf(t.source().url())));
                offers.add(om);
            }
            m.put("offers", offers);
            var mig = new ArrayList<Object>();
            for (MigProfile p : a.migProfiles()) {
                var pm = new LinkedHashMap<String, Object>();
                pm.put("profile", p.name());
                pm.put("instancesPerGpu", p.instances());
                pm.put("memoryGiB", p.memoryGiB());
                mig.add(pm);
            }
            m.put("migProfiles", mig);
            m.put("migSource", a.migSource() == null ? null : a.migSource().id());
            // Not in the catalog: null says "unknown", never "no".
            m.put("efa", null);
            m.put("gpuDirect", null);
            out.add(m);
        }
        return out;
    }
}
