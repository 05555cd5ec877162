package dev.derrick.config.internal;

import java.util.ArrayList;
import java.util.List;

/** An IPv4 CIDR block, and its split into equal subnets. */
public record Cidr(long network, int prefix) {
    private static final java.util.regex.Pattern SHAPE = java.util.regex.Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}/(0|[1-9]\\d?)");

    /** Parses {@code a.b.c.d/n}; null when malformed or when host bits are set. */
    public static Cidr parse(String text) {
        // ASCII digits only: Integer.parseInt also takes "+10" and non-ASCII digits, which AWS rejects.
        if (text == null || !SHAPE.matcher(text).matches()) {
            return null;
        }
        String[] parts = text.split("/");
        if (parts.length != 2) {
            return null;
        }
        String[] octets = parts[0].split("\\.", -1);
        if (octets.length != 4) {
            return null;
        }
        long addr = 0;
        try {
            for (String o : octets) {
                int v = Integer.parseInt(o);
                if (v < 0 || v > 255 || o.isEmpty() || (o.length() > 1 && o.startsWith("0"))) {
                    return null;
                }
                addr = (addr << 8) | v;
            }
            int prefix = Integer.parseInt(parts[1]);
            if (prefix < 0 || prefix > 32) {
                return null;
            }
            long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
            if ((addr & ~mask & 0xFFFFFFFFL) != 0) {
                return null;
            }
            return new Cidr(addr, prefix);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Splits into the first {@code count} subnets of equal size (the smallest power of two that fits). */
    public List<String> split(int count) {
        int extra = 0;
        while ((1 << extra) < count) {
            extra++;
        }
        int sub = prefix + extra;
        var out = new ArrayList<String>();
        for (int i = 0; i < count; i++) {
            long base = network + ((long) i << (32 - sub));
            out.add(format(base) + "/" + sub);
        }
        return out;
    }

    /** Whether the two blocks share an address. */
    public boolean overlaps(Cidr other) {
        int p = Math.min(prefix, other.prefix);
        long mask = p == 0 ? 0 : (0xFFFFFFFFL << (32 - p)) & 0xFFFFFFFFL;
        return (network & mask) == (other.network & mask);
    }

    /** The address {@code offset} past the network address, e.g. the tenth address of a service range. */
    public String address(int offset) {
        return format(network + offset);
    }

    static String format(long a) {
        return ((a >> 24) & 255) + "." + ((a >> 16) & 255) + "." + ((a >> 8) & 255) + "." + (a & 255);
    }

    @Override
    public String toString() {
        return format(network) + "/" + prefix;
    }
}
