package dev.derrick.network;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The network interfaces of an EFA node, as the EC2 user guide recommends for instance types with several network
 * cards ("Maximize network bandwidth on Amazon EC2 instances with multiple network cards", read 2026-12-05): the
 * primary ENA interface on card 0 device 0, an EFA-only interface on card 0 device 1, and an EFA-only interface on
 * device 0 of every further card. {@code n} EFA devices in all (p5.48xlarge: 32 EFA and one ENA, the guide's example).
 * Karpenter 1.14.1's EC2NodeClass {@code networkInterfaces} takes exactly these types ({@code interface},
 * {@code efa-only}) and requires the primary interface.
 */
public final class EfaInterfaces {
    public static final String PRIMARY = "interface";
    public static final String EFA_ONLY = "efa-only";

    /** One interface: network card, device index, type. */
    public record Interface(int networkCardIndex, int deviceIndex, String interfaceType) {
    }

    private EfaInterfaces() {
    }

    /** The interfaces of a node with {@code efaCount} EFA devices (one per network card). */
    public static List<Interface> of(int efaCount) {
        if (efaCount < 1) {
            throw new IllegalArgumentException("an EFA node needs at least one EFA interface, got " + efaCount);
        }
        var out = new ArrayList<Interface>();
        out.add(new Interface(0, 0, PRIMARY));
        out.add(new Interface(0, 1, EFA_ONLY));
        for (int card = 1; card < efaCount; card++) {
            out.add(new Interface(card, 0, EFA_ONLY));
        }
        return List.copyOf(out);
    }

    /** The EC2NodeClass {@code networkInterfaces} entries. */
    public static List<Map<String, Object>> nodeClassEntries(int efaCount) {
        return of(efaCount).stream().map(i -> {
            var m = new LinkedHashMap<String, Object>();
            m.put("networkCardIndex", i.networkCardIndex());
            m.put("deviceIndex", i.deviceIndex());
            m.put("interfaceType", i.interfaceType());
            return (Map<String, Object>) m;
        }).toList();
    }
}
