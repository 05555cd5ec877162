package dev.derrick.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.derrick.config.TestStacks.PROJECT_YAML;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Names Derrick builds from the stack name (<stack>-<cluster>) are checked against each cloud's rules before a plan. */
class DerivedNamesTest {
    @TempDir
    Path dir;

    private List<ConfigError> errors(String stack, String yaml) {
        TestStacks.writeProject(dir, PROJECT_YAML);
        TestStacks.writeStack(dir, stack, yaml);
        try {
            StackConfigLoader.load(StackFiles.load(dir, stack));
        } catch (ConfigException e) {
            return e.errors();
        }
        return List.of();
    }

    @Test
    void load_whenGcpStackNameHasUpperCaseAndUnderscore_reportsGkeClusterAndServiceAccount() {
        var errors = errors("A3_Toolkit", TestStacks.VALID_GCP);

        assertThat(errors).as("one problem per refused name").hasSize(2);
        assertThat(errors.get(0).path()).isEqualTo("derrick:clusters[0].name");
        assertThat(errors.get(0).file()).isEqualTo("stacks/Pulumi.A3_Toolkit.yaml");
        assertThat(errors.get(0).problem()).contains("GKE cluster name would be \"A3_Toolkit-train\"");
        assertThat(errors.get(1).problem()).contains("GKE node service account id would be \"A3_Toolkit-train-nodes\"");
        assertThat(errors.get(0).hint()).contains("-s a3-toolkit");
    }

    @Test
    void load_whenAwsStackNameHasUpperCaseAndUnderscore_loads() {
        // EKS cluster names allow upper case and '_'.
        assertThat(errors("A3_Toolkit", TestStacks.VALID)).isEmpty();
    }

    @Test
    void load_whenAwsStackNameHasDot_reportsEksClusterName() {
        var errors = errors("x.yaml", TestStacks.VALID);

        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).problem()).contains("EKS cluster name would be \"x.yaml-train\"");
    }

    @Test
    void load_whenGcpStackNameLongerThanGkeAllows_reportsLength() {
        var errors = errors("a-very-long-stack-name-for-gke-clusters", TestStacks.VALID_GCP);

        assertThat(errors).extracting(ConfigError::problem).anySatisfy(p -> assertThat(p).contains("GKE cluster name").contains("at most 40"));
    }

    @Test
    void load_whenLowerCaseStackNames_loadOnEveryCloud() {
        assertThat(errors("gcp-prod", TestStacks.VALID_GCP)).isEmpty();
        assertThat(errors("azure-prod", TestStacks.VALID_AZURE)).isEmpty();
    }

    @Test
    void load_whenAzureStackNameHasDot_reportsAksClusterName() {
        var errors = errors("azure.prod", TestStacks.VALID_AZURE);

        assertThat(errors).extracting(ConfigError::problem).anySatisfy(p -> assertThat(p).contains("AKS cluster name would be \"azure.prod-"));
    }

    @Test
    void loadFile_whenFileNotNamedAfterAStack_requiresTheStackName() throws IOException {
        TestStacks.writeProject(dir, PROJECT_YAML);
        Path file = dir.resolve("x.yaml");
        Files.writeString(file, TestStacks.VALID);

        assertThatThrownBy(() -> StackFiles.loadFile(dir, file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("is not named Pulumi.<stack>.yaml").hasMessageContaining("-s STACK");
        assertThat(StackFiles.loadFile(dir, file, "staging").stack()).isEqualTo("staging");
    }
}
