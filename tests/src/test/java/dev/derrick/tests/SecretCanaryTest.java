package dev.derrick.tests;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A canary secret in a stack must appear in no output of any command, whatever the format. */
class SecretCanaryTest {
    private static final String CANARY = "CANARY-7f3a9c1e";

    private static String config(String name) {
        return Project.resource("configs").resolve(name).toString();
    }

    @Test
    void plan_whenProviderConfigHasASecret_neverPrintsIt() {
        for (String format : new String[]{"text", "json"}) {
            var r = Cli.run("plan", "--file", config("Pulumi.canary-plan.yaml"), "--output", format);
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out()).contains("train-gpu");
            assertThat(r.all()).doesNotContain(CANARY);
        }
    }

    @Test
    void plan_whenGrafanaAdminPasswordIsSecure_showsItsSecretOnlyAsTheSecretMarker() {
        var text = Cli.run("plan", "--file", config("Pulumi.canary-plan.yaml"), "--output", "text");
        var json = Cli.run("plan", "--file", config("Pulumi.canary-plan.yaml"), "--output", "json", "--debug");

        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(json.exitCode()).as(json.err()).isZero();
        assertThat(text.out()).contains("kubernetes:core/v1:Secret  train-monitoring-grafana-admin").contains("· stringData: [secret]");
        assertThat(json.out()).contains("\"name\" : \"train-monitoring-grafana-admin\"").contains("\"stringData\" : \"[secret]\"");
        assertThat(text.all() + json.all()).doesNotContain("CANARY-7f3a9c1e-grafana").doesNotContain(CANARY);
    }

    @Test
    void validate_whenDerrickKeysAreSecret_refusesThemWithoutEchoingThem() {
        for (String format : new String[]{"text", "json"}) {
            var r = Cli.run("validate", "--file", config("Pulumi.canary-config.yaml"), "--output", format);
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.all()).contains("derrick:tags").contains("must not be secret").contains("[secret]").doesNotContain(CANARY);
        }
    }

    @Test
    void plan_whenDerrickKeysAreSecret_exits2WithoutEchoingThem() {
        var r = Cli.run("plan", "--file", config("Pulumi.canary-config.yaml"), "--debug");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.all()).contains("derrick:clusters: must not be secret").doesNotContain(CANARY);
    }

    @Test
    void everyCommand_whenOnpremKubeconfigIsSecure_neverPrintsIt() {
        String file = config("Pulumi.canary-kubeconfig.yaml");
        var runs = new java.util.ArrayList<Cli.Result>();
        for (String format : new String[]{"text", "json", "markdown", "mermaid"}) {
            runs.add(Cli.run("plan", "--file", file, "--output", format, "--debug"));
        }
        runs.add(Cli.run("validate", "--file", file, "--output", "json"));
        runs.add(Cli.run("cost", "--file", file, "--output", "json"));
        runs.add(Cli.run("config", "--file", file, "--output", "yaml", "--debug"));
        runs.add(Cli.run("config", "--file", file, "--output", "json"));
        runs.add(Cli.run("config", "--file", config("Pulumi.canary-plan.yaml"), "--debug"));
        for (var r : runs) {
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.all()).doesNotContain(CANARY);
        }
        assertThat(runs.get(0).out()).contains("pulumi:providers:kubernetes  lab-provider").contains("· kubeconfig: [secret]");
        assertThat(runs.get(1).out()).contains("\"kubeconfig\" : \"[secret]\"");
        assertThat(runs.get(runs.size() - 3).out()).contains("derrick:kubeconfigs: \"[secret]\"");
        assertThat(runs.get(runs.size() - 1).out()).contains("aws:secretKey: \"[secret]\"").contains("derrick:grafanaAdminPassword: \"[secret]\"");
    }

    @Test
    void validate_whenKubeconfigsArePlainText_refusesWithoutEchoingThem() {
        var r = Cli.run("validate", "--file", config("Pulumi.canary-kubeconfig-plain.yaml"));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.all()).contains("derrick:kubeconfigs: must be a secret").contains("[not shown]").doesNotContain(CANARY);
    }
}
