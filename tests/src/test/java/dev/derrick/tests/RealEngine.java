package dev.derrick.tests;

import com.sun.net.httpserver.HttpServer;
import dev.derrick.charts.Charts;
import dev.derrick.charts.PinnedChart;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The real-engine tier's parts, started by scripts/test (realengine/build, realengine/cluster): the Pulumi CLI, the
 * Kubernetes provider, Helm and kubectl on DERRICK_REALENGINE_BIN; a real kube-apiserver with KWOK nodes at
 * DERRICK_TEST_KUBECONFIG. One part is a STAND-IN: the Java language host (realengine/modules/pulumi/cmd/
 * pulumi-language-java), because the official one cannot be obtained here; it runs the prebuilt jar exactly as the
 * official host's {@code binary} option does.
 */
final class RealEngine {
    static final String BIN_ENV = "DERRICK_REALENGINE_BIN";
    static final String KUBECONFIG_ENV = "DERRICK_TEST_KUBECONFIG";

    private RealEngine() {
    }

    static List<Path> bins() {
        String bins = System.getenv(BIN_ENV);
        var out = new ArrayList<Path>();
        if (bins != null) {
            for (String d : bins.split(":")) {
                if (!d.isBlank()) {
                    out.add(Path.of(d));
                }
            }
        }
        return out;
    }

    /** The engine's binaries are all there (each test needing fewer asks {@link #tool} for each it runs). */
    static void requireEngine() {
        for (String tool : List.of("pulumi", "pulumi-language-java", "pulumi-resource-kubernetes", "helm", "kubectl")) {
            tool(tool);
        }
    }

    /** A binary of the real-engine tier (in {@value #BIN_ENV}); absent: the test fails or aborts, as for the others. */
    static Path tool(String name) {
        for (Path d : bins()) {
            if (Files.isExecutable(d.resolve(name))) {
                return d.resolve(name);
            }
        }
        absent("the real engine: " + name + " is not in " + BIN_ENV + " (scripts/test builds it with realengine/build)");
        return null;
    }

    static Path kubeconfig() {
        String k = System.getenv(KUBECONFIG_ENV);
        if (k == null || k.isBlank() || !Files.isRegularFile(Path.of(k))) {
            absent("the test cluster: " + KUBECONFIG_ENV + " names no kubeconfig (scripts/test starts it with realengine/cluster)");
        }
        return Path.of(k);
    }

    private static void absent(String why) {
        if (Emulators.required()) {
            fail(why + "; DERRICK_REQUIRE_EMULATORS=1 makes a missing part a failure");
        }
        Assumptions.abort(why);
    }

    /**
     * A private copy of the built CLI (jar, lib/, and the tests' classes) under {@code work}/app, so a build or test run
     * that rewrites cli/target meanwhile cannot change the jar the engine is running.
     */
    static Path appCopy(Path work) throws IOException {
        Path app = Files.createDirectories(work.resolve("app"));
        Path cli = Project.root().resolve("cli/target");
        copyTree(cli.resolve("lib"), app.resolve("lib"));
        Files.copy(cli.resolve("derrick-cli.jar"), app.resolve("derrick-cli.jar"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        copyTree(Project.root().resolve("tests/target/test-classes"), app.resolve("test-classes"));
        return app;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path dest = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(f, dest, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** The cluster a test class uses: {@code DERRICK_TEST_KUBECONFIG_<NAME>} when set (a cluster of its own), else the shared one. */
    static Path kubeconfig(String name) {
        String own = System.getenv(KUBECONFIG_ENV + "_" + name);
        if (own != null && !own.isBlank() && Files.isRegularFile(Path.of(own))) {
            return Path.of(own);
        }
        return kubeconfig();
    }

    static String path() {
        var sb = new StringBuilder();
        bins().forEach(b -> sb.append(b).append(':'));
        return sb + System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    }

    /**
     * A throw-away Pulumi project for a real-engine run: the repository's Pulumi.yaml with {@code binary} pointing at
     * {@code jar}, and {@code stacks/Pulumi.<stack>.yaml} from the repository's stack file with {@code edit} applied
     * to its config (and Derrick's chart mirror set).
     */
    static Path project(Path work, Path jar, String stack, String mirrorUrl,
                        java.util.function.Consumer<Map<String, Object>> edit) throws IOException {
        var yaml = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
        Path project = Files.createDirectories(work.resolve("project"));
        Files.writeString(project.resolve("Pulumi.yaml"), Files.readString(Project.root().resolve("Pulumi.yaml"))
                .replace("binary: cli/target/derrick-cli.jar", "binary: " + jar));
        @SuppressWarnings("unchecked")
        Map<String, Object> file = yaml.readValue(Project.root().resolve("stacks/Pulumi." + stack + ".yaml").toFile(), Map.class);
        @SuppressWarnings("unchecked")
        var config = new java.util.LinkedHashMap<String, Object>((Map<String, Object>) file.get("config"));
        config.put("derrick:charts", Map.of("repository", mirrorUrl));
        edit.accept(config);
        Files.createDirectories(project.resolve("stacks"));
        yaml.writeValue(project.resolve("stacks/Pulumi." + stack + ".yaml").toFile(), Map.of("config", config));
        return project;
    }

    /** A finished command: exit code and its output (stdout and stderr together). */
    record Result(int exit, String output, Duration took) {
        Result ok(String what) {
            if (exit != 0) {
                throw new AssertionError(what + " exited " + exit + ":\n" + tail(output, 6000));
            }
            return this;
        }
    }

    static String tail(String s, int n) {
        return s.length() <= n ? s : "...\n" + s.substring(s.length() - n);
    }

    static Result run(Path dir, Map<String, String> env, Duration timeout, String... command) {
        try {
            var pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
            pb.environment().putAll(env);
            pb.environment().put("PATH", path());
            long t0 = System.nanoTime();
            Process p = pb.start();
            var out = new StringBuilder();
            Thread reader = new Thread(() -> {
                try {
                    out.append(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    out.append("[output lost: ").append(e.getMessage()).append(']');
                }
            });
            reader.start();
            if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroy);
                p.destroy();
                reader.join(5000);
                throw new AssertionError(String.join(" ", command) + " did not finish in " + timeout + ":\n" + tail(out.toString(), 6000));
            }
            reader.join();
            return new Result(p.exitValue(), out.toString(), Duration.ofNanos(System.nanoTime() - t0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Result kubectl(String... args) {
        return kubectlOn(kubeconfig(), args);
    }

    static Result kubectlOn(Path kubeconfig, String... args) {
        // 4 minutes: the API servers share 2 cores with the whole test command; a CRD apply once took over 2 under that load
        return kubectlOn(kubeconfig, Duration.ofMinutes(4), args);
    }

    static Result kubectlOn(Path kubeconfig, Duration timeout, String... args) {
        var cmd = new ArrayList<String>(List.of("kubectl", "--kubeconfig", kubeconfig.toString()));
        cmd.addAll(List.of(args));
        return run(Project.root(), Map.of(), timeout, cmd.toArray(String[]::new));
    }

    /**
     * A Helm chart repository on 127.0.0.1 serving every chart of {@link Charts} at its pinned version, packaged by real
     * Helm from the vendored sources: what {@code derrick:charts.repository} points an air-gapped cluster at.
     */
    static final class ChartMirror implements AutoCloseable {
        final HttpServer server;
        final String url;

        /** The charts packaged once per test JVM (helm package of every vendored chart), shared by every mirror. */
        private static Path packaged;

        private static synchronized Path packaged(Path workDir) throws IOException {
            if (packaged == null) {
                Path dir = Files.createTempDirectory(Files.createDirectories(Project.root().resolve("tests/target/real-engine")), "charts-");
                for (PinnedChart chart : Charts.all()) {
                    run(workDir, Map.of(), Duration.ofMinutes(2), "helm", "package", RealHelm.chartDir(chart).toString(),
                            "--destination", dir.toString(), "--version", chart.version()).ok("helm package " + chart.name());
                }
                packaged = dir;
            }
            return packaged;
        }

        ChartMirror(Path workDir) throws IOException {
            Path repo = Files.createDirectories(workDir.resolve("chart-mirror"));
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            url = "http://127.0.0.1:" + server.getAddress().getPort();
            try (var charts = Files.list(packaged(workDir))) {
                for (Path tgz : charts.toList()) {
                    Files.copy(tgz, repo.resolve(tgz.getFileName().toString()));
                }
            }
            run(workDir, Map.of(), Duration.ofMinutes(2), "helm", "repo", "index", repo.toString(), "--url", url).ok("helm repo index");
            server.createContext("/", exchange -> {
                String name = exchange.getRequestURI().getPath().replaceFirst("^/+", "");
                Path file = repo.resolve(name).normalize();
                if (!file.startsWith(repo) || !Files.isRegularFile(file)) {
                    exchange.sendResponseHeaders(404, -1);
                } else {
                    byte[] body = Files.readAllBytes(file);
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                }
                exchange.close();
            });
            server.start();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    /** The Pulumi CLI with a file backend and its own home under {@code work}; no network, no update check. */
    static final class Pulumi {
        final Path project;
        final Path home;
        final Path state;
        final Map<String, String> env = new HashMap<>();

        Pulumi(Path work, Path project) throws IOException {
            requireEngine();
            this.project = project;
            this.home = Files.createDirectories(work.resolve("pulumi-home"));
            this.state = Files.createDirectories(work.resolve("pulumi-state"));
            env.put("PULUMI_HOME", home.toString());
            env.put("PULUMI_BACKEND_URL", "file://" + state);
            env.put("PULUMI_CONFIG_PASSPHRASE", "derrick-real-engine-test");
            env.put("PULUMI_SKIP_UPDATE_CHECK", "true");
            env.put("PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION", "true");
            env.put("PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK", "true");
            env.put("NO_COLOR", "1");
            // The Kubernetes provider writes each kubeconfig it is given to a temporary file and leaves it: under the
            // test's work folder (target/) they go with `mvn clean`, not into /tmp with the test clusters' tokens.
            env.put("TMPDIR", Files.createDirectories(work.resolve("tmp")).toString());
            // The program's JVM (the stand-in host's `java -jar`) with the flags ./derrick runs the same jar with
            // (scripts/java-env): serial GC, C1 only. The default (G1, C2) spent CPU the engine and clusters beside it wait for.
            env.put("DERRICK_JVM_FLAGS", "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData");
        }

        private int step;

        /** Runs the CLI; its output is also kept in {@code <work>/logs/NN-<command>.log} for a failing run's reader. */
        Result run(Duration timeout, String... args) {
            var cmd = new ArrayList<String>();
            cmd.add("pulumi");
            cmd.addAll(List.of(args));
            cmd.add("--non-interactive");
            Result r = RealEngine.run(project, env, timeout, cmd.toArray(String[]::new));
            try {
                Path logs = Files.createDirectories(home.getParent().resolve("logs"));
                String name = String.format("%02d-%s.log", ++step, String.join("-", List.of(args).subList(0, Math.min(2, args.length)))
                        .replaceAll("[^A-Za-z0-9.-]", "_"));
                Files.writeString(logs.resolve(name), "exit " + r.exit() + " in " + r.took() + "\n" + r.output());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return r;
        }

        /** Every file of the backend's state (checkpoints, history, backups). */
        String allState() {
            var sb = new StringBuilder();
            try (var files = Files.walk(state)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    sb.append(Files.readString(f, StandardCharsets.ISO_8859_1));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return sb.toString();
        }
    }
}
