package dev.derrick.preflight.reach;

import dev.derrick.config.internal.Cidr;

import java.net.Inet4Address;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * This machine's addresses: its public (egress) IPv4 address, as the cluster's public endpoint will see it, and its own
 * interface addresses. The egress address is {@value #ENV} when set (CI runners behind a known NAT), else the body of
 * {@value #URL_ENV} or {@link #DEFAULT_URL} (a service that answers with the caller's address).
 */
public final class EgressAddress {
    public static final String ENV = "DERRICK_EGRESS_IP";
    public static final String URL_ENV = "DERRICK_EGRESS_IP_URL";
    /** AWS's address echo service: one line, the caller's IPv4 address. */
    public static final String DEFAULT_URL = "https://checkip.amazonaws.com";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private EgressAddress() {
    }

    /** The egress address supplier for environment {@code env}, asked once however many clusters ask; it throws when the address cannot be found. */
    public static Supplier<String> of(Map<String, String> env) {
        return memo(lookup(env));
    }

    static Supplier<String> memo(Supplier<String> lookup) {
        Object[] cached = new Object[1];
        return () -> {
            synchronized (cached) {
                if (cached[0] == null) {
                    try {
                        cached[0] = lookup.get();
                    } catch (RuntimeException e) {
                        cached[0] = e;
                    }
                }
                if (cached[0] instanceof RuntimeException e) {
                    throw e;
                }
                return (String) cached[0];
            }
        };
    }

    private static Supplier<String> lookup(Map<String, String> env) {
        return () -> {
            String given = env.get(ENV);
            if (given != null && !given.isBlank()) {
                return valid(given.trim(), ENV);
            }
            String url = env.getOrDefault(URL_ENV, DEFAULT_URL);
            try {
                var client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
                var response = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(url + " answered HTTP " + response.statusCode());
                }
                return valid(response.body().trim(), url);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        };
    }

    static String valid(String address, String from) {
        if (Cidr.parse(address + "/32") == null) {
            throw new IllegalStateException(from + " gave no IPv4 address: \"" + (address.length() > 40 ? address.substring(0, 40) + "..." : address) + "\"");
        }
        return address;
    }

    /** This machine's IPv4 interface addresses. */
    public static List<String> local() {
        var out = new ArrayList<String>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                Collections.list(nic.getInetAddresses()).stream()
                        .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
                        .forEach(a -> out.add(a.getHostAddress()));
            }
        } catch (SocketException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }
}
