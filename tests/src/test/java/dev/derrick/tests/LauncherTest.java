package dev.derrick.tests;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real {@code ./derrick} and {@code scripts/build} (copied into a scratch checkout) with a fake
 * {@code mvn} that builds slowly (a truncated jar while it works, like Maven's jar plugin) and
 * notes every run and every overlap, and a fake {@code java} that fails on a truncated jar. This
 * tests the launcher's locking and staleness, not Maven, in about a second.
 */
class LauncherTest {
    private static final String FAKE_MVN = """
            #!/usr/bin/env bash
            mkdir "$FAKE_LOG.running" 2>/dev/null || { echo overlap >> "$FAKE_LOG"; exit 1; }
            echo build >> "$FAKE_LOG"
            mkdir -p cli/target
            : > cli/target/derrick-cli.jar
            sleep 0.3
            if [ -n "${FAKE_MVN_HOOK:-}" ]; then eval "$FAKE_MVN_HOOK"; fi
            if [ -n "${FAKE_MVN_FAIL:-}" ]; then rmdir "$FAKE_LOG.running"; exit 1; fi
            echo ok > cli/target/derrick-cli.jar
            rmdir "$FAKE_LOG.running"
            """;
    private static final String FAKE_JAVA = """
            #!/usr/bin/env bash
            for a in "$@"; do
              case "$a" in
                -XshowSettings:properties) echo "    java.specification.version = 17" >&2; exit 0 ;;
                -XX:ArchiveClassesAtExit=*) touch "${a#*=}" ;;
              esac
            done
            while [ $# -gt 0 ]; do if [ "$1" = -jar ]; then jar="$2"; break; fi; shift; done
            [ "$(cat "$jar" 2>/dev/null)" = ok ] || { echo "truncated jar" >&2; exit 1; }
            echo ran
            """;

    @TempDir
    Path tmp;
    Path checkout;
    Path bin;
    Path log;

    @BeforeEach
    void scratchCheckout() throws IOException {
        checkout = Files.createDirectories(tmp.resolve("derrick"));
        bin = Files.createDirectories(tmp.resolve("bin"));
        log = tmp.resolve("builds.log");
        Files.createDirectories(checkout.resolve("scripts"));
        for (String f : List.of("derrick", "scripts/build", "scripts/java-env")) {
            Files.copy(Project.root().resolve(f), checkout.resolve(f));
        }
        Files.writeString(checkout.resolve("pom.xml"), "<project/>");
        Files.createDirectories(checkout.resolve("components/src/main"));
        Files.writeString(checkout.resolve("components/src/main/A.java"), "class A {}");
        script(bin.resolve("mvn"), FAKE_MVN);
        script(bin.resolve("java"), FAKE_JAVA);
    }

    private static void script(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Process start(Map<String, String> env) throws IOException {
        var pb = new ProcessBuilder(checkout.resolve("derrick").toString(), "plan").directory(checkout.toFile())
                .redirectErrorStream(true);
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().put("DERRICK_JAVA", bin.resolve("java").toString());
        pb.environment().put("FAKE_LOG", log.toString());
        pb.environment().putAll(env);
        return pb.start();
    }

    private record Run(int exit, String output) {
    }

    private static Run finish(Process p) throws Exception {
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("launcher finished").isTrue();
        return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes()));
    }

    private Run run(Map<String, String> env) throws Exception {
        return finish(start(env));
    }

    private List<String> builds() throws IOException {
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    @Test
    void eightFirstRunsAtOnce_buildOnceAndAllRunTheFinishedJar() throws Exception {
        var procs = new ArrayList<Process>();
        for (int i = 0; i < 8; i++) {
            procs.add(start(Map.of()));
        }
        for (Process p : procs) {
            Run r = finish(p);
            assertThat(r.exit()).as(r.output()).isZero();
            assertThat(r.output()).contains("ran");
        }
        assertThat(builds()).as("one build, no overlap").containsExactly("build");
    }

    @Test
    void aSourceEditedDuringTheBuild_isBuiltOnTheNextRun() throws Exception {
        Run first = run(Map.of("FAKE_MVN_HOOK", "sleep 0.05; touch components/src/main/A.java"));
        assertThat(first.exit()).as(first.output()).isZero();

        assertThat(run(Map.of()).exit()).isZero();
        assertThat(builds()).as("the edit made during the first build is built by the second run").hasSize(2);
        assertThat(run(Map.of()).exit()).isZero();
        assertThat(builds()).as("then it is up to date").hasSize(2);
    }

    @Test
    void aFailedBuild_isRedoneOnTheNextRunInsteadOfRunningItsTruncatedJar() throws Exception {
        Run failed = run(Map.of("FAKE_MVN_FAIL", "1"));
        assertThat(failed.exit()).isNotZero();

        Run next = run(Map.of());
        assertThat(next.exit()).as(next.output()).isZero();
        assertThat(next.output()).contains("ran");
        assertThat(builds()).hasSize(2);
    }
}
