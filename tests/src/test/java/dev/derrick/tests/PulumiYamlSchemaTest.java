package dev.derrick.tests;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

/** The project's Pulumi.yaml is one the Pulumi CLI accepts, and it runs the prebuilt jar. */
class PulumiYamlSchemaTest {
    @Test
    void pulumiYaml_whenCheckedAgainstPulumisSchema_isValid() throws Exception {
        var schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Files.readString(Project.resource("schemas/pulumi-project.schema.json")));
        var project = new ObjectMapper(new YAMLFactory()).readTree(Project.root().resolve("Pulumi.yaml").toFile());
        assertThat(schema.validate(project)).isEmpty();
    }

    @Test
    void pulumiYaml_whenSchemaChecksABrokenCopy_reportsIt() throws Exception {
        var schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Files.readString(Project.resource("schemas/pulumi-project.schema.json")));
        var project = (com.fasterxml.jackson.databind.node.ObjectNode) new ObjectMapper(new YAMLFactory())
                .readTree(Project.root().resolve("Pulumi.yaml").toFile());
        project.remove("runtime");
        assertThat(schema.validate(project)).isNotEmpty();
    }

    @Test
    void pulumiYaml_whenRead_runsTheCliJarFromTheStacksFolder() throws Exception {
        var project = new ObjectMapper(new YAMLFactory()).readTree(Project.root().resolve("Pulumi.yaml").toFile());
        assertThat(project.path("runtime").path("name").asText()).isEqualTo("java");
        assertThat(project.path("runtime").path("options").path("binary").asText()).isEqualTo("cli/target/derrick-cli.jar");
        assertThat(project.path("stackConfigDir").asText()).isEqualTo("stacks");
        assertThat(Project.root().resolve("cli/target/derrick-cli.jar")).exists();
    }

    @Test
    void cliJar_whenPulumiDiscoversPlugins_listsEveryProviderTheProgramUses() {
        // What the Java language host runs before `pulumi up`: java -cp <binary> com.pulumi.bootstrap.internal.Main packages
        var jar = Project.root().resolve("cli/target/derrick-cli.jar").toString();
        String javaBin = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var r = Cli.exec(java.util.List.of(javaBin, "-cp", jar, "com.pulumi.bootstrap.internal.Main", "packages"), Project.root(), java.util.Map.of(), 120);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"name\":\"aws\",\"version\":\"6.83.0\"").contains("\"name\":\"kubernetes\"")
                .contains("\"name\":\"gcp\"").contains("\"name\":\"azure-native\"");
    }
}
