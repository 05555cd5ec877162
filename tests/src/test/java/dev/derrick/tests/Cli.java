package dev.derrick.tests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the built CLI jar as a separate process, as a user's shell would. */
final class Cli {
    record Result(int exitCode, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private Cli() {
    }

    static Result run(String... args) {
        return run(java.util.Map.of(), args);
    }

    /** Runs with extra environment variables; a null value removes the variable. */
    static Result run(java.util.Map<String, String> env, String... args) {
        Path root = Project.root();
        Path jar = root.resolve("cli/target/derrick-cli.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("build the CLI first (mvn package): " + jar);
        }
        var cmd = new ArrayList<String>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dderrick.today=2026-11-23"));
        Archive.flags(cmd, jar);
        cmd.addAll(List.of("-jar", jar.toString()));
        cmd.addAll(List.of(args));
        var all = new java.util.HashMap<String, String>(env);
        if (!all.containsKey("DERRICK_PROJECT_DIR")) {
            all.put("DERRICK_PROJECT_DIR", root.toString());
        }
        return exec(cmd, root, all, 120);
    }

    /** Runs any command (the derrick launcher, mvn) in {@code dir} with extra environment; not the Pulumi engine's. */
    static Result exec(List<String> cmd, Path dir, Map<String, String> env, int timeoutSeconds) {
        try {
            Path out = Files.createTempFile("derrick-out", ".txt");
            Path err = Files.createTempFile("derrick-err", ".txt");
            var pb = new ProcessBuilder(cmd).directory(dir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().remove("PULUMI_MONITOR");
            // Never ask an instance-metadata endpoint for credentials from a test.
            pb.environment().put("AWS_EC2_METADATA_DISABLED", "true");
            env.forEach((k, v) -> {
                if (v == null) {
                    pb.environment().remove(k);
                } else {
                    pb.environment().put(k, v);
                }
            });
            try {
                Process p = pb.start();
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", cmd) + " did not finish in " + timeoutSeconds + " s");
                }
                return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new RuntimeException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeException(e);
        }
    }

    /**
     * A class-data archive (AppCDS, JDK 13+) for the CLI processes of a test run, as ./derrick keeps one for its runs
     * (scripts/java-env, scripts/build): recorded once by the same training run scripts/build uses (the prod plan loads
     * the classes every command needs), then mapped by every CLI process instead of loading and verifying the same
     * classes again (about a quarter less CPU per start). The JVM checks the archive against the jar and the JDK and
     * ignores one that does not match; its logging is off, so no output of a test's CLI changes.
     */
    static final class Archive {
        private static final List<String> QUIET = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");
        private static boolean tried;

        /** One archive per JDK and jar build (a rebuilt jar gets a new one rather than an archive the JVM would refuse). */
        private static Path file(Path jar) throws IOException {
            String key = System.getProperty("java.home") + "|" + Files.getLastModifiedTime(jar).toMillis() + "|" + Files.size(jar);
            return Project.root().resolve("tests/target/derrick-cli-" + Integer.toHexString(key.hashCode()) + ".jsa");
        }

        /** Adds the archive's flags to {@code cmd}, recording the archive first if this test JVM has not tried yet. */
        static synchronized void flags(List<String> cmd, Path jar) {
            try {
                Path archive = file(jar);
                if (!Files.isRegularFile(archive) && !tried) {
                    tried = true;
                    // one temporary file per test JVM: two Maven runs of this module may record at the same time
                    Path tmp = archive.resolveSibling(archive.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
                    var record = new ArrayList<>(cmd);
                    record.add("-XX:ArchiveClassesAtExit=" + tmp);
                    record.addAll(QUIET);
                    record.addAll(List.of("-jar", jar.toString(), "plan", "-s", "prod", "--output", "json"));
                    var r = exec(record, Project.root(), Map.of("DERRICK_PROJECT_DIR", Project.root().toString()), 300);
                    if (r.exitCode() == 0 && Files.isRegularFile(tmp)) {
                        Files.move(tmp, archive, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                    }
                }
                if (Files.isRegularFile(archive)) {
                    cmd.add("-XX:SharedArchiveFile=" + archive);
                    cmd.addAll(QUIET);
                }
            } catch (IOException | RuntimeException e) {
                // no archive: the CLI starts without one, as it did before
            }
        }
    }
}
