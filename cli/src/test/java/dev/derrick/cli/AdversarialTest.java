package dev.derrick.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input, tried as a careless user, a malicious pull request and a broken machine would:
 * files that are not files (FIFOs, devices, directories, links), huge and deep YAML, alias bombs,
 * config that reads wrongly without an error, plan and outputs JSON of the wrong shape, templates
 * holding links and pipes, secrets in {@code --config}, control characters in names, and mutated
 * copies of a real stack (generated with a fixed seed). Every input is generated here. Each
 * attack must end within its bound with the documented exit code, no stack trace, no secret
 * (the canary) in the output and no file left behind. Prints "N attacks tried, M passed".
 */
class AdversarialTest {
    private static final String CANARY = "CANARY-7f3a9e41";
    /** A bound that catches a hang (a FIFO read blocks forever), not a speed target. */
    private static final long BOUND_SECONDS = 30;
    private static final AtomicInteger TRIED = new AtomicInteger();
    private static final AtomicInteger PASSED = new AtomicInteger();
    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "attack");
        t.setDaemon(true);
        return t;
    });

    @TempDir
    static Path tmp;
    static Path project;
    static Path stacks;
    static String devStack;

    record Result(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    @BeforeAll
    static void project() throws IOException {
        Path root = Path.of(System.getProperty("derrick.projectDir"));
        project = Files.createDirectories(tmp.resolve("project"));
        Files.writeString(project.resolve("Pulumi.yaml"), "name: derrick\nruntime: java\nstackConfigDir: stacks\n"
                + "config:\n  region:\n    type: string\n    default: us-east-1\n");
        stacks = Files.createDirectories(project.resolve("stacks"));
        devStack = Files.readString(root.resolve("stacks/Pulumi.dev.yaml"));
        Files.writeString(stacks.resolve("Pulumi.dev.yaml"), devStack);
    }

    @AfterAll
    static void count() {
        System.out.println("adversarial suite: " + TRIED.get() + " attacks tried, " + PASSED.get() + " passed");
        POOL.shutdownNow();
    }

    // ---- inputs ---------------------------------------------------------------------------------------------

    private static Path file(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    private static Path bytes(String name, byte[] b) throws IOException {
        Path p = tmp.resolve(name);
        Files.write(p, b);
        return p;
    }

    private static Path fifo(String name) throws Exception {
        Path p = tmp.resolve(name);
        Files.createDirectories(p.getParent());
        Process mk = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
        assertThat(mk.waitFor()).isZero();
        return p;
    }

    private static Path link(String name, Path target) throws IOException {
        Path p = tmp.resolve(name);
        Files.createDirectories(p.getParent());
        return Files.createSymbolicLink(p, target);
    }

    private static String stack(String config) {
        return "config:\n" + config;
    }

    /** The dev stack with a secret first (so no later mutation can move the canary out of its secret position). */
    private static String secretDev() {
        return devStack.replaceFirst("config:\n", "config:\n  derrick:grafanaAdminPassword:\n    secure: v1:" + CANARY + "\n");
    }

    // ---- the runner ---------------------------------------------------------------------------------------------

    private final List<String> failures = new ArrayList<>();

    private Result run(String... args) throws Exception {
        var out = new StringWriter();
        var err = new StringWriter();
        Future<Integer> f = POOL.submit(() -> Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args));
        try {
            return new Result(f.get(BOUND_SECONDS, TimeUnit.SECONDS), out.toString(), err.toString());
        } catch (TimeoutException e) {
            f.cancel(true);
            return new Result(-1, out.toString(), err.toString() + "\n[did not finish in " + BOUND_SECONDS + " s]");
        }
    }

    /** Runs one attack; the result must exit with one of {@code exits} and pass {@code more}. */
    private void attack(String name, Set<Integer> exits, Predicate<Result> more, String... args) throws Exception {
        TRIED.incrementAndGet();
        Result r = run(args);
        var problems = new ArrayList<String>();
        if (r.exit() == -1) {
            problems.add("hang");
        } else if (!exits.contains(r.exit())) {
            problems.add("exit " + r.exit() + ", expected " + exits);
        }
        if (r.all().contains("\tat ") || r.all().contains("Exception in thread") || r.all().matches("(?s).*\\.java:\\d+\\).*")) {
            problems.add("stack trace");
        }
        if (r.all().contains(CANARY)) {
            problems.add("secret in the output");
        }
        if (r.exit() == 2 && r.err().isBlank()) {
            problems.add("exit 2 without a message");
        }
        if (more != null && !more.test(r)) {
            problems.add("wrong message");
        }
        try (Stream<Path> left = Files.walk(tmp)) {
            left.filter(p -> p.getFileName().toString().contains(".derrick-new-")).findAny()
                    .ifPresent(p -> problems.add("left behind " + p));
        }
        if (problems.isEmpty()) {
            PASSED.incrementAndGet();
        } else {
            failures.add(name + ": " + String.join(", ", problems) + "\n  stdout: " + head(r.out()) + "\n  stderr: " + head(r.err()));
        }
    }

    private void refused(String name, Predicate<Result> more, String... args) throws Exception {
        attack(name, Set.of(2), more, args);
    }

    private static String head(String s) {
        return s.length() > 600 ? s.substring(0, 600) + "..." : s;
    }

    private static Predicate<Result> says(String... parts) {
        return r -> {
            for (String p : parts) {
                if (!r.err().contains(p)) {
                    return false;
                }
            }
            return true;
        };
    }

    private String[] validate(Path stackFile) {
        return new String[]{"validate", "--project-dir", project.toString(), "--file", stackFile.toString()};
    }

    // ---- the attacks ----------------------------------------------------------------------------------------------

    @Test
    void everyAttack_endsInBoundWithTheRightExitAndNoTraceSecretOrLeftover() throws Exception {
        // No credentials lookup at an instance-metadata endpoint from a test.
        System.setProperty("aws.disableEc2Metadata", "true");
        List<Attacks> groups = List.of(this::filesThatAreNotFiles, this::hugeAndHostileYaml, this::configThatReadsWrongly,
                this::secretsInParseErrors, this::planJsonOfTheWrongShape, this::outputsFiles, this::messages, this::templates,
                this::mutatedStacks);
        for (Attacks g : groups) {
            g.run();
        }
        assertThat(failures).as(failures.size() + " of " + TRIED.get() + " attacks got through:\n" + String.join("\n", failures)).isEmpty();
    }

    private interface Attacks {
        void run() throws Exception;
    }

    private void filesThatAreNotFiles() throws Exception {
        Path fifo = fifo("in/Pulumi.fifo.yaml");
        for (Path p : List.of(fifo, Path.of("/dev/zero"), Path.of("/dev/urandom"), link("in/Pulumi.zero.yaml", Path.of("/dev/zero")),
                Files.createDirectories(tmp.resolve("in/Pulumi.dir.yaml")), tmp.resolve("in/Pulumi.missing.yaml"))) {
            refused("validate --file " + p, says(p.getFileName().toString()), validate(p));
            refused("diff --against " + p, says(p.getFileName().toString()),
                    "diff", "--project-dir", project.toString(), "--against", p.toString());
            refused("verify --outputs " + p, says(p.getFileName().toString()),
                    "verify", "--project-dir", project.toString(), "--outputs", p.toString());
        }
        // Pulumi.yaml itself a FIFO or a device.
        for (Path target : List.of(fifo("pp-fifo/Pulumi.yaml").getParent(), link("pp-zero/Pulumi.yaml", Path.of("/dev/zero")).getParent())) {
            Files.createDirectories(target.resolve("stacks"));
            Files.writeString(target.resolve("stacks/Pulumi.dev.yaml"), devStack);
            refused("Pulumi.yaml not a regular file in " + target.getFileName(), null, "validate", "--project-dir", target.toString());
        }
        // A stack file that is a FIFO, named by stack: -s, and diff --against STACK.
        assertThat(new ProcessBuilder("mkfifo", stacks.resolve("Pulumi.pipe.yaml").toString()).start().waitFor()).isZero();
        refused("-s naming a FIFO stack file", says("Pulumi.pipe.yaml"), "validate", "--project-dir", project.toString(), "-s", "pipe");
        refused("diff --against a FIFO stack", says("Pulumi.pipe.yaml"), "diff", "--project-dir", project.toString(), "--against", "pipe");
        // A stack folder that is not a folder.
        Path noDir = Files.createDirectories(tmp.resolve("nostacks"));
        Files.writeString(noDir.resolve("Pulumi.yaml"), "name: derrick\nruntime: java\nstackConfigDir: stacks\n");
        Files.writeString(noDir.resolve("stacks"), "not a folder");
        refused("stack folder is a file", says("stack folder cannot be read"), "validate", "--project-dir", noDir.toString(), "-s", "dev");
    }

    private void hugeAndHostileYaml() throws Exception {
        refused("10 MB single scalar", says("larger than"), validate(file("y/Pulumi.scalar.yaml", "x".repeat(10 << 20))));
        refused("a 300 KiB line", says("line longer than"),
                validate(file("y/Pulumi.line.yaml", stack("  derrick:environment: " + "x".repeat(300 << 10) + "\n"))));
        var bomb = new StringBuilder("config:\n  a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (int i = 1; i < 10; i++) {
            bomb.append("  a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 9; j++) {
                bomb.append(j == 0 ? "" : ",").append("*a").append(i - 1);
            }
            bomb.append("]\n");
        }
        refused("billion laughs", null, validate(file("y/Pulumi.bomb.yaml", bomb.toString())));
        refused("5,000 nested lists", null, validate(file("y/Pulumi.deep.yaml", stack("  derrick:tags: " + "[".repeat(5000) + "\n"))));
        refused("recursive alias", null, validate(file("y/Pulumi.rec.yaml", stack("  derrick:tags: &r {a: *r}\n"))));
        refused("binary junk", null, validate(bytes("y/Pulumi.junk.yaml", new Random(7).ints(4096, 0, 256)
                .collect(java.io.ByteArrayOutputStream::new, (o, i) -> o.write(i), (a, b) -> { }).toByteArray())));
        refused("invalid UTF-8", says("UTF-8").and(r -> !r.err().contains("permissions")),
                validate(bytes("y/Pulumi.latin1.yaml", "config:\n  derrick:environment: d\u00e9v\n".getBytes(StandardCharsets.ISO_8859_1))));
    }

    private void configThatReadsWrongly() throws Exception {
        refused("environment: ~", says("derrick:environment", "no value"),
                validate(file("c/Pulumi.null.yaml", devStack.replace("derrick:environment: dev", "derrick:environment: ~"))));
        refused("environment: (empty)", says("derrick:environment"),
                validate(file("c/Pulumi.empty.yaml", devStack.replace("derrick:environment: dev", "derrick:environment:"))));
        refused("environment and derrick:environment", says("given twice"),
                validate(file("c/Pulumi.twice.yaml", devStack.replace("config:\n", "config:\n  environment: prod\n"))));
        refused("a key twice in one map", says("duplicate key"),
                validate(file("c/Pulumi.dup.yaml", devStack.replace("config:\n", "config:\n  derrick:region: us-east-1\n  derrick:region: eu-west-1\n"))));
        refused("a second YAML document", says("second YAML document"),
                validate(file("c/Pulumi.docs.yaml", devStack + "---\nconfig:\n  derrick:environment: prod\n")));
        refused("Cyrillic look-alike key", says("ASCII"),
                validate(file("c/Pulumi.cyr.yaml", devStack.replace("derrick:clusters:", "d\u0435rrick:clusters:"))));
        refused("a zero-width space in a key", says("ASCII"),
                validate(file("c/Pulumi.zw.yaml", devStack.replace("derrick:objectStores:", "derrick:object\u200bStores:"))));
        attack("an alias is resolved to its anchor's value", Set.of(0), r -> r.out().contains("valid (1 cluster, 2 node pools"),
                validate(file("c/Pulumi.alias.yaml", devStack.replace("          min: 0\n          max: 2", "          min: 0\n          max: *two")
                        .replace("          min: 1\n          max: 2", "          min: 1\n          max: &two 2"))));
        attack("a merge key is applied", Set.of(0), null, validate(file("c/Pulumi.merge.yaml",
                devStack.replace("    budget: {maxGpus: 4, maxHourlyUsd: 10}", "    budget: {<<: {maxGpus: 4}, maxHourlyUsd: 10}"))));
    }

    private void secretsInParseErrors() throws Exception {
        String secret = "  derrick:grafanaAdminPassword:\n    secure: ";
        refused("tab after a secret", null, validate(file("s/Pulumi.tab.yaml", stack(secret + CANARY + "\n\tderrick:x: 1\n"))));
        refused("unterminated quote in a secret", null, validate(file("s/Pulumi.quote.yaml", stack(secret + "\"" + CANARY + "\n"))));
        refused("mapping inside a secret", null, validate(file("s/Pulumi.map.yaml", stack(secret + CANARY + ": x: y\n"))));
        refused("secure: .Inf", null, validate(file("s/Pulumi.inf.yaml", stack(secret + ".Inf\n  derrick:environment: dev\n"))));
        refused("secure: a number", null, validate(file("s/Pulumi.num.yaml", stack(secret + "4711\n  derrick:environment: dev\n"))));
        refused("an undefined alias named like a secret", null, validate(file("s/Pulumi.alias.yaml", stack("  derrick:environment: *" + CANARY + "\n"))));
        refused("a bad tag named like a secret", null, validate(file("s/Pulumi.tag.yaml", stack("  derrick:environment: !<" + CANARY + "> x\n  a: [\n"))));
    }

    private void planJsonOfTheWrongShape() throws Exception {
        String resource = "{\"urn\":\"urn:pulumi:dev::derrick::t::n\",\"type\":\"t\",\"name\":\"n\",\"inputs\":{}}";
        String[][] shapes = {
                {"inputs an array", "{\"stack\":\"dev\",\"resources\":[{\"urn\":\"urn:pulumi:a\",\"type\":\"t\",\"name\":\"n\",\"inputs\":[1]}]}", "$.resources[0].inputs"},
                {"resources a string", "{\"stack\":\"dev\",\"resources\":\"oops\"}", "$.resources"},
                {"resources of numbers", "{\"stack\":\"dev\",\"resources\":[1,2]}", "$.resources[0]"},
                {"no stack", "{\"resources\":[" + resource + "]}", "stack"},
                {"a urn that is a number", "{\"stack\":\"dev\",\"resources\":[{\"urn\":5,\"type\":\"t\",\"name\":\"n\"}]}", "$.resources[0].urn"},
                {"a newer schemaVersion", "{\"schemaVersion\":99,\"stack\":\"dev\",\"resources\":[]}", "schemaVersion"},
                {"policies an object", "{\"stack\":\"dev\",\"resources\":[],\"policies\":{\"a\":1}}", "$.policies"},
                {"cost a list", "{\"stack\":\"dev\",\"resources\":[],\"cost\":[]}", "$.cost"},
                {"a list", "[]", "not a JSON object"},
                {"an escape sequence in a name", "{\"stack\":\"dev\",\"resources\":[{\"urn\":\"urn:pulumi:a\",\"type\":\"t\",\"name\":\"x\\u001b[2J\"}]}", "$.resources[0].name"},
                {"not JSON, quoting a secret", "{\"stack\": " + CANARY + "}", "line 1"},
                {"truncated", "{\"stack\":\"dev\",\"resources\":[" + resource, "not valid JSON"},
        };
        for (String[] s : shapes) {
            Path p = file("plans/" + s[0].replace(' ', '-') + ".json", s[1]);
            refused("diff --against: " + s[0], says(p.toString(), s[2]), "diff", "--project-dir", project.toString(), "--against", p.toString());
        }
        refused("diff --against a stack name with a newline", null, "diff", "--project-dir", project.toString(), "--against", "dev\nFORGED");
    }

    private void outputsFiles() throws Exception {
        Path bad = file("outputs/bad.json", "{\"datasets.bucketName\": " + CANARY + "}");
        refused("outputs: unquoted secret token", says("not valid JSON"), "verify", "--project-dir", project.toString(), "--outputs", bad.toString());
        Path evil = file("outputs/evil.json", "{\"datasets.bucketName\": \"x\\u001b[31mred\\nFORGED line\", \"train.clusterName\": \"c\\r\\u0007\"}");
        attack("outputs: control characters in names", Set.of(0, 4), r -> !r.all().contains("\u001b") && !r.all().contains("\u0007")
                        && r.all().lines().noneMatch(l -> l.startsWith("FORGED")),
                "verify", "--project-dir", project.toString(), "-s", "dev", "--outputs", evil.toString(), "--endpoint", "aws=http://127.0.0.1:9",
                "--timeout", "500ms", "--attempts", "1", "--no-progress");
    }

    private void messages() throws Exception {
        refused("-s with a newline", r -> r.err().lines().noneMatch(l -> l.startsWith("FORGED")),
                "validate", "--project-dir", project.toString(), "-s", "dev\nFORGED: everything is fine");
        refused("-s with a path", null, "validate", "--project-dir", project.toString(), "-s", "../../../etc/passwd");
        refused("-s with an escape sequence", r -> !r.err().contains("\u001b"), "validate", "--project-dir", project.toString(), "-s", "\u001b[2J");
        Path outputs = file("outputs/ok.json", "{}");
        for (String t : List.of("10.5m", "601s", "NaN", "-1s", "1e9", "99999999999999999999m", "10m\nFORGED")) {
            refused("--timeout " + t, r -> r.err().lines().noneMatch(l -> l.startsWith("FORGED")),
                    "verify", "--project-dir", project.toString(), "--outputs", outputs.toString(), "--timeout", t);
        }
    }

    private void templates() throws Exception {
        Path secretFile = file("outside/secret.txt", CANARY);
        Path templates = Files.createDirectories(tmp.resolve("templates"));
        String pulumiYaml = "name: ${PROJECT}\nruntime: java\ndescription: ${DESCRIPTION}\ntemplate:\n  description: t\n  config:\n"
                + "    derrick:environment:\n      default: dev\n";
        Path withLink = Files.createDirectories(templates.resolve("with-link"));
        Files.writeString(withLink.resolve("Pulumi.yaml"), pulumiYaml);
        Files.createSymbolicLink(withLink.resolve("shadow"), secretFile);
        Path withFifo = Files.createDirectories(templates.resolve("with-fifo"));
        Files.writeString(withFifo.resolve("Pulumi.yaml"), pulumiYaml);
        assertThat(new ProcessBuilder("mkfifo", withFifo.resolve("pipe").toString()).start().waitFor()).isZero();
        Path plain = Files.createDirectories(templates.resolve("plain"));
        Files.writeString(plain.resolve("Pulumi.yaml"), pulumiYaml);
        Path dirLink = Files.createDirectories(templates.resolve("with-dir-link"));
        Files.writeString(dirLink.resolve("Pulumi.yaml"), pulumiYaml);
        Files.createSymbolicLink(dirLink.resolve("etc"), Path.of("/etc"));
        Path out = tmp.resolve("projects");
        Predicate<Result> nothingCreated = r -> !Files.exists(out.resolve("p"));
        String td = templates.toString();
        refused("new: a symlink in the template", nothingCreated.and(says("symbolic link")), "new", "with-link", out.resolve("p").toString(),
                "--templates-dir", td);
        refused("new: a directory symlink in the template", nothingCreated, "new", "with-dir-link", out.resolve("p").toString(), "--templates-dir", td);
        refused("new: a FIFO in the template", nothingCreated.and(says("special file")), "new", "with-fifo", out.resolve("p").toString(),
                "--templates-dir", td);
        refused("new: a secret --config", nothingCreated.and(says("pulumi config set --secret")), "new", "plain", out.resolve("p").toString(),
                "--templates-dir", td, "--config", "derrick:grafanaAdminPassword=" + CANARY);
        refused("new: a secret --config path", nothingCreated, "new", "plain", out.resolve("p").toString(), "--templates-dir", td,
                "--config", "derrick:alerting.slack.webhookUrl=https://hooks.example/" + CANARY);
        attack("new: a plain template still works", Set.of(0), r -> Files.isRegularFile(out.resolve("ok/Pulumi.yaml")),
                "new", "plain", out.resolve("ok").toString(), "--templates-dir", td);
    }

    /** Mutations of a real stack (a secret first): every one ends valid (0) or refused (2), in bound, without a trace or the secret. */
    private void mutatedStacks() throws Exception {
        String base = secretDev();
        int protectedEnd = base.indexOf(CANARY) + CANARY.length() + 1;
        String[] tokens = {":", "-", "&a", "*a", "!", "|", ">", "\t", "\"", "'", "{", "[", "]", "}", "~", "\u0000", "\u00e9", "\n", " ", "#",
                "---\n", "<<: ", "0x", ".inf", "\u202e", "\r", "%YAML 1.1\n"};
        var random = new Random(20261205L);
        for (int i = 0; i < 48; i++) {
            var sb = new StringBuilder(base);
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits; e++) {
                int at = protectedEnd + random.nextInt(sb.length() - protectedEnd);
                switch (random.nextInt(4)) {
                    case 0 -> sb.insert(at, tokens[random.nextInt(tokens.length)]);
                    case 1 -> sb.deleteCharAt(at);
                    case 2 -> sb.setCharAt(at, tokens[random.nextInt(tokens.length)].charAt(0));
                    default -> sb.setLength(at);
                }
            }
            attack("mutation " + i, Set.of(0, 2), null, validate(file("m/Pulumi.m" + i + ".yaml", sb.toString())));
        }
    }

    /** SIGTERM while {@code derrick new} copies: the partial copy is removed by the shutdown hook. */
    @Test
    void newInterruptedBySigterm_leavesNothingBehind() throws Exception {
        Path big = Files.createDirectories(tmp.resolve("sig/templates/big"));
        Files.writeString(big.resolve("Pulumi.yaml"), "name: ${PROJECT}\nruntime: java\ntemplate:\n  description: big\n");
        for (int d = 0; d < 40; d++) {
            Path dir = Files.createDirectories(big.resolve("d" + d));
            for (int f = 0; f < 100; f++) {
                Files.writeString(dir.resolve("f" + f + ".txt"), "${PROJECT} ".repeat(200));
            }
        }
        Path parent = Files.createDirectories(tmp.resolve("sig/out"));
        for (int attempt = 0; attempt < 2; attempt++) {
            TRIED.incrementAndGet();
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), "dev.derrick.cli.Main",
                    "new", "big", parent.resolve("p" + attempt).toString(), "--templates-dir", big.getParent().toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_SECONDS);
            while (p.isAlive() && System.nanoTime() < deadline && !partialExists(parent)) {
                Thread.sleep(5);
            }
            boolean caught = p.isAlive() && partialExists(parent);
            p.destroy(); // SIGTERM
            assertThat(p.waitFor(BOUND_SECONDS, TimeUnit.SECONDS)).isTrue();
            boolean clean = !partialExists(parent) && (!Files.exists(parent.resolve("p" + attempt)) || !caught);
            if (clean) {
                PASSED.incrementAndGet();
            } else {
                failures.add("SIGTERM during new (attempt " + attempt + "): a partial copy is left in " + parent);
            }
        }
        assertThat(failures).isEmpty();
    }

    private static boolean partialExists(Path parent) throws IOException {
        try (Stream<Path> s = Files.list(parent)) {
            return s.anyMatch(p -> p.getFileName().toString().contains(".derrick-new-"));
        }
    }
}
