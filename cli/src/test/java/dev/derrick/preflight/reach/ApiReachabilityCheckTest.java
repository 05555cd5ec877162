package dev.derrick.preflight.reach;

import com.sun.net.httpserver.HttpServer;
import dev.derrick.config.ClusterSpec;
import dev.derrick.config.EndpointAccess;
import dev.derrick.config.NodePoolSpec;
import dev.derrick.config.Target;
import dev.derrick.preflight.CheckResult;
import dev.derrick.preflight.Reason;
import dev.derrick.preflight.Status;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** preflight's cluster.api-reachable: a failing and a passing case for public and private endpoints, and the egress lookup. */
class ApiReachabilityCheckTest {
    private static final List<NodePoolSpec> POOLS = List.of(new NodePoolSpec("system", null, null, "m6i.large", 1, 1, null, null, null, null, null, null, null, null));

    private static ClusterSpec cluster(Target target, EndpointAccess access, List<String> networks) {
        return new ClusterSpec("train", target, "us-east-1", null, List.of("us-east-1a"), null, null, access, null, null, POOLS, null, null, networks);
    }

    private static CheckResult run(ClusterSpec c, String egress, List<String> local) {
        return new ApiReachabilityCheck(c, () -> egress, () -> local).run();
    }

    @Test
    void publicEndpoint_passesFromAnAuthorizedNetwork_failsFromElsewhereWithTheAddressToAdd() {
        ClusterSpec c = cluster(Target.AWS, EndpointAccess.PUBLIC_AND_PRIVATE, List.of("203.0.113.0/24", "198.51.100.7/32"));

        assertThat(run(c, "198.51.100.7", List.of()).status()).isEqualTo(Status.PASS);
        CheckResult fail = run(c, "192.0.2.44", List.of("10.0.3.9"));
        assertThat(fail.status()).isEqualTo(Status.FAIL);
        assertThat(fail.detail()).contains("192.0.2.44").contains("outside authorizedNetworks");
        assertThat(fail.fix()).contains("add 192.0.2.44/32");
        assertThat(fail.subject()).isEqualTo("train (aws, public-and-private endpoint)");
    }

    @Test
    void privateEndpoint_passesInsideTheVpc_failsOutsideWithTheRunnerFix() {
        ClusterSpec c = cluster(Target.AWS, EndpointAccess.PRIVATE, null);   // vpcCidr defaults to 10.0.0.0/16
        Supplier<String> noEgress = () -> {
            throw new AssertionError("a private endpoint needs no public address");
        };

        assertThat(new ApiReachabilityCheck(c, noEgress, () -> List.of("172.17.0.2", "10.0.40.7")).run().status()).isEqualTo(Status.PASS);
        CheckResult fail = new ApiReachabilityCheck(c, noEgress, () -> List.of("192.168.1.20")).run();
        assertThat(fail.status()).isEqualTo(Status.FAIL);
        assertThat(fail.detail()).contains("outside the cluster's network 10.0.0.0/16");
        assertThat(fail.fix()).contains("runner inside 10.0.0.0/16");
    }

    @Test
    void privateAksEndpoint_hasNoKnownRange_isUnknown() {
        CheckResult r = run(cluster(Target.AZURE, EndpointAccess.PRIVATE, null), "192.0.2.1", List.of("10.0.0.5"));

        assertThat(r.status()).isEqualTo(Status.UNKNOWN);
        assertThat(r.reason()).isEqualTo(Reason.NOT_SUPPORTED);
    }

    @Test
    void egressAddress_fromTheEnvironment_orAskedOnceFromTheService() throws Exception {
        assertThat(EgressAddress.of(Map.of(EgressAddress.ENV, " 203.0.113.9 ")).get()).isEqualTo("203.0.113.9");
        assertThatThrownBy(() -> EgressAddress.of(Map.of(EgressAddress.ENV, "not-an-ip")).get()).hasMessageContaining("gave no IPv4 address");

        var calls = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            calls.incrementAndGet();
            byte[] body = "198.51.100.23\n".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        try {
            var egress = EgressAddress.of(Map.of(EgressAddress.URL_ENV, "http://127.0.0.1:" + server.getAddress().getPort() + "/"));
            assertThat(egress.get()).isEqualTo("198.51.100.23");
            assertThat(egress.get()).isEqualTo("198.51.100.23");
            assertThat(calls.get()).as("one lookup for every cluster").isEqualTo(1);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void unreachableService_isUnknownWithTheEnvironmentFix() {
        var check = new ApiReachabilityCheck(cluster(Target.GCP, EndpointAccess.PUBLIC_AND_PRIVATE, List.of("203.0.113.0/24")),
                EgressAddress.of(Map.of(EgressAddress.URL_ENV, "http://127.0.0.1:1/")), List::of);
        Throwable failure = null;
        try {
            check.run();
        } catch (RuntimeException e) {
            failure = e;
        }
        assertThat(failure).as("the runner turns this into UNKNOWN").isNotNull();
        CheckResult r = check.unknown(failure);
        assertThat(r.status()).isEqualTo(Status.UNKNOWN);
        assertThat(r.fix()).contains(EgressAddress.ENV);
    }
}
