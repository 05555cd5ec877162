package dev.derrick.upgrades;

import dev.derrick.config.ClusterSpec;
import dev.derrick.config.Target;
import dev.derrick.config.internal.NodeReader;
import dev.derrick.config.internal.RuleSink;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Validation of a cluster's {@code upgrades:}. Channel names are the providers' own: GKE release channels as pulumi-gcp
 * 7.0.0 accepts them ({@code EXTENDED} was added to the Terraform provider it wraps in 2024-08, GoogleCloudPlatform/
 * magic-modules#11437, after 7.0.0 was built on 2023-11-09, so it is refused here), AKS auto-upgrade channels as the
 * azure-native 2.10.0 enum {@code UpgradeChannel} has them.
 */
public final class UpgradeRules {
    /** GKE's channel unless {@code upgrades.channel} says otherwise: REGULAR gets versions after they have been in RAPID for a while. */
    public static final String GKE_DEFAULT_CHANNEL = "regular";
    /** AKS's auto-upgrade channel unless {@code upgrades.channel} says otherwise: the newest patch of the cluster's minor. */
    public static final String AKS_DEFAULT_CHANNEL = "patch";
    public static final List<String> GKE_CHANNELS = List.of("rapid", "regular", "stable", "none");
    public static final List<String> AKS_CHANNELS = List.of("rapid", "stable", "patch", "node-image", "none");
    public static final List<String> SCOPES = List.of("no-upgrades", "no-minor-upgrades", "no-minor-or-node-upgrades");
    private static final Pattern HH_MM = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");
    private static final Pattern UTC_TIME = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z");
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    private UpgradeRules() {
    }

    private static String q(String s) {
        return s == null ? null : "\"" + s + "\"";
    }

    public static void cluster(ClusterSpec c, String path, RuleSink sink) {
        UpgradeSpec u = c.upgrades();
        if (u == null) {
            return;
        }
        String at = path + ".upgrades";
        String cloud = NodeReader.token(c.target());
        if (c.target() == Target.AWS || c.target() == Target.ONPREM) {
            sink.add(at, "does not apply to " + cloud, null, c.target() == Target.AWS
                    ? "remove upgrades: EKS has no release channel; it moves to a new minor only when kubernetesVersion changes"
                    : "remove upgrades: Derrick does not upgrade an existing cluster");
            return;
        }
        List<String> channels = c.target() == Target.GCP ? GKE_CHANNELS : AKS_CHANNELS;
        if (u.channel() != null && !channels.contains(u.channel())) {
            sink.add(at + ".channel", "extended".equals(u.channel()) && c.target() == Target.GCP
                            ? "not supported yet: the GKE EXTENDED channel postdates the pulumi-gcp provider Derrick uses (7.0.0)"
                            : "unknown " + cloud + " upgrade channel", q(u.channel()),
                    "use one of " + String.join(", ", channels) + (c.target() == Target.GCP ? "; to hold a minor version add a maintenance exclusion" : ""));
        }
        if (c.target() == Target.AZURE) {
            if (u.maintenanceStart() != null) {
                sink.add(at + ".maintenanceStart", "only applies to gcp", q(u.maintenanceStart()), "remove it (AKS maintenance configurations are not supported yet)");
            }
            if (!u.exclusions().isEmpty()) {
                sink.add(at + ".maintenanceExclusions", "only applies to gcp", null, "remove them; on azure, channel: none stops automatic upgrades");
            }
            return;
        }
        if (u.maintenanceStart() != null && !HH_MM.matcher(u.maintenanceStart()).matches()) {
            sink.add(at + ".maintenanceStart", "must be a time of day HH:MM (UTC)", q(u.maintenanceStart()), "e.g. maintenanceStart: \"03:00\"");
        }
        if (!u.exclusions().isEmpty() && u.maintenanceStart() == null) {
            sink.add(at + ".maintenanceStart", "required with maintenanceExclusions: a GKE maintenance policy needs a window", null,
                    "set maintenanceStart: \"03:00\" (a daily window, UTC)");
        }
        var names = new java.util.HashSet<String>();
        for (int i = 0; i < u.exclusions().size(); i++) {
            MaintenanceExclusion e = u.exclusions().get(i);
            String ep = at + ".maintenanceExclusions[" + i + "]";
            if (e.name() != null && (!NAME.matcher(e.name()).matches() || !names.add(e.name()))) {
                sink.add(ep + ".name", names.contains(e.name()) && NAME.matcher(e.name()).matches() ? "duplicate exclusion name" : "not a lowercase DNS-style name",
                        q(e.name()), "e.g. hold-1-35");
            }
            if (!SCOPES.contains(e.scope())) {
                sink.add(ep + ".scope", "unknown exclusion scope", q(e.scope()), "use one of " + String.join(", ", SCOPES));
            }
            Instant start = time(e.start(), ep + ".start", sink);
            Instant end = time(e.end(), ep + ".end", sink);
            if (start != null && end != null && !end.isAfter(start)) {
                sink.add(ep + ".end", "must be after start (" + e.start() + ")", q(e.end()), "give the exclusion a positive length");
            }
        }
    }

    private static Instant time(String v, String path, RuleSink sink) {
        if (v == null) {
            return null;
        }
        try {
            if (UTC_TIME.matcher(v).matches()) {
                return Instant.parse(v);
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        sink.add(path, "must be an RFC 3339 UTC time", q(v), "e.g. 2026-12-01T00:00:00Z");
        return null;
    }

    /** GKE's release channel for the cluster: {@code REGULAR} unless {@code upgrades.channel} says otherwise ({@code none}: UNSPECIFIED). */
    public static String gkeChannel(ClusterSpec c) {
        String ch = c.upgrades() == null || c.upgrades().channel() == null ? GKE_DEFAULT_CHANNEL : c.upgrades().channel();
        return ch.equals("none") ? "UNSPECIFIED" : ch.toUpperCase(java.util.Locale.ROOT);
    }

    /** AKS's auto-upgrade channel for the cluster: {@code patch} unless {@code upgrades.channel} says otherwise. */
    public static String aksChannel(ClusterSpec c) {
        return c.upgrades() == null || c.upgrades().channel() == null ? AKS_DEFAULT_CHANNEL : c.upgrades().channel();
    }
}
