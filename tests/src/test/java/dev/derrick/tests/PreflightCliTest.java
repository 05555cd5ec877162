package dev.derrick.tests;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The preflight/verify command line without any cloud: help, bad input. */
class PreflightCliTest {
    @Test
    void help_saysUnknownAloneExitsZero() {
        Cli.Result r = Cli.run("preflight", "--help");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("UNKNOWN alone exits 0").contains("4 if any check FAILs").contains("--endpoint")
                .contains("DERRICK_AWS_ENDPOINT");
    }

    @Test
    void preflight_whenEndpointIsBad_exitsTwoWithAnExample() {
        Cli.Result r = Cli.run("preflight", "-s", "dev", "--endpoint", "aws=127.0.0.1:5000");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("not an http(s) URL").contains("http://127.0.0.1:5000");
    }

    @Test
    void preflight_whenStackIsUnknownOrTimeoutBad_exitsTwo() {
        assertThat(Cli.run("preflight", "-s", "no-such-stack").exitCode()).isEqualTo(2);
        Cli.Result r = Cli.run("preflight", "-s", "dev", "--timeout", "soon");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--timeout soon: not a duration");
    }

    @Test
    void verify_requiresOutputs() {
        Cli.Result r = Cli.run("verify", "-s", "prod");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--outputs");
    }
}
