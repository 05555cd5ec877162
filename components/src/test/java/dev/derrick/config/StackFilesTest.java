package dev.derrick.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.derrick.config.TestStacks.FILE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

class StackFilesTest {
    @TempDir
    Path dir;

    private List<ConfigError> errorsLoading(String stackYaml) {
        try {
            TestStacks.load(dir, stackYaml);
        } catch (ConfigException e) {
            return e.errors();
        }
        return fail("expected the stack files to be refused:%n%s", stackYaml);
    }

    private static ConfigError only(List<ConfigError> errors) {
        assertThat(errors).as("exactly one problem").hasSize(1);
        return errors.get(0);
    }

    // ------------------------------------------------------------------ project defaults

    @Test
    void load_whenStackOmitsProjectKey_usesPulumiYamlDefault() {
        RawConfig raw = TestStacks.load(dir, "config:\n  derrick:environment: dev\n");

        RawValue region = raw.values().get("derrick:region");
        assertThat(region).as("derrick:region").isNotNull();
        assertThat(region.text()).as("region value").isEqualTo("us-east-1");
        assertThat(region.file()).as("region comes from").isEqualTo("Pulumi.yaml");
    }

    @Test
    void load_whenStackSetsProjectKey_overridesPulumiYamlDefault() {
        RawConfig raw = TestStacks.load(dir, "config:\n  derrick:region: eu-west-1\n");

        RawValue region = raw.values().get("derrick:region");
        assertThat(region.text()).as("region value").isEqualTo("eu-west-1");
        assertThat(region.file()).as("region comes from").isEqualTo(FILE);
    }

    @Test
    void load_whenProjectDeclaresPlainValue_usesIt() {
        TestStacks.writeProject(dir, "name: derrick\nstackConfigDir: stacks\nconfig:\n  region: ap-south-1\n");
        TestStacks.writeStack(dir, "test", "config: {}\n");

        assertThat(StackFiles.load(dir, "test").values().get("derrick:region").text()).as("region").isEqualTo("ap-south-1");
    }

    @Test
    void load_whenStackFileHasNoConfig_keepsOnlyProjectDefaults() {
        RawConfig raw = TestStacks.load(dir, "");

        assertThat(raw.values()).as("values").containsOnlyKeys("derrick:region");
        assertThat(raw.stack()).as("stack").isEqualTo("test");
        assertThat(raw.origin()).as("origin named in errors").isEqualTo(FILE);
    }

    // ------------------------------------------------------------------ namespaces

    @Test
    void load_whenKeyIsBare_qualifiesWithProjectNamespace() {
        RawConfig raw = TestStacks.load(dir, "config:\n  environment: dev\n");

        assertThat(raw.values()).as("keys").containsKey("derrick:environment").doesNotContainKey("environment");
        assertThat(raw.values().get("derrick:environment").text()).as("environment").isEqualTo("dev");
    }

    @Test
    void load_whenKeyHasNamespace_keepsIt() {
        RawConfig raw = TestStacks.load(dir, "config:\n  aws:region: us-west-2\n");

        assertThat(raw.values()).as("keys").containsKey("aws:region").doesNotContainKey("derrick:aws:region");
    }

    @Test
    void load_whenStructuredValue_passesJsonText() {
        RawConfig raw = TestStacks.load(dir, "config:\n  derrick:tags:\n    team: ml\n");

        assertThat(raw.values().get("derrick:tags").text()).as("tags as Pulumi hands them over").isEqualTo("{\"team\":\"ml\"}");
        assertThat(raw.asPulumiConfig()).as("engine config").containsEntry("derrick:tags", "{\"team\":\"ml\"}");
    }

    // ------------------------------------------------------------------ secrets

    @Test
    void load_whenValueIsSecure_marksItSecret() {
        RawConfig raw = TestStacks.load(dir, "config:\n  derrick:token:\n    secure: AAABAD-ciphertext\n");

        RawValue token = raw.values().get("derrick:token");
        assertThat(token.secret()).as("secret flag").isTrue();
        assertThat(token.text()).as("ciphertext kept offline").isEqualTo("AAABAD-ciphertext");
        assertThat(token.toString()).as("printed form").isEqualTo("[secret]");
        assertThat(raw.secretKeys()).as("secret keys").containsExactly("derrick:token");
    }

    @Test
    void load_whenValueIsPlain_doesNotMarkItSecret() {
        RawConfig raw = TestStacks.load(dir, "config:\n  derrick:environment: dev\n");

        assertThat(raw.values().get("derrick:environment").secret()).as("secret flag").isFalse();
        assertThat(raw.values().get("derrick:environment").toString()).as("printed form").isEqualTo("dev");
        assertThat(raw.secretKeys()).as("secret keys").isEmpty();
    }

    @Test
    void load_whenSecureNestedInObject_marksWholeKeySecretAndUnwraps() {
        RawConfig raw = TestStacks.load(dir, "config:\n  derrick:tags:\n    team: ml\n    owner:\n      secure: CIPHER\n");

        RawValue tags = raw.values().get("derrick:tags");
        assertThat(tags.secret()).as("secret flag of the whole key").isTrue();
        assertThat(tags.text()).as("secure unwrapped in place").isEqualTo("{\"team\":\"ml\",\"owner\":\"CIPHER\"}");
        assertThat(raw.secretKeys()).as("secret keys").containsExactly("derrick:tags");
    }

    @Test
    void load_whenSecureNestedInList_marksWholeKeySecret() {
        RawConfig raw = TestStacks.load(dir, "config:\n  derrick:clusters:\n    - name:\n        secure: CIPHER\n");

        assertThat(raw.values().get("derrick:clusters").secret()).as("secret flag").isTrue();
        assertThat(raw.values().get("derrick:clusters").text()).as("unwrapped").isEqualTo("[{\"name\":\"CIPHER\"}]");
    }

    @Test
    void load_whenSecureIsNotString_reportsAndHidesIt() {
        ConfigError e = only(errorsLoading("config:\n  derrick:token:\n    secure: [CANARY-9]\n"));

        assertThat(e.path()).as("path").isEqualTo("derrick:token");
        assertThat(e.problem()).as("problem").isEqualTo("secure value must be a string");
        assertThat(e.value()).as("value").isEqualTo("[secret]");
        assertThat(e.line()).as("line").doesNotContain("CANARY-9");
    }

    // ------------------------------------------------------------------ malformed files

    @Test
    void load_whenYamlMalformed_reportsOneErrorWithLineAndColumn() {
        ConfigError e = only(errorsLoading("config:\n  derrick:environment: dev\n  derrick:tags: {team: ml\n  derrick:region: us-east-1\n"));

        assertThat(e.file()).as("file").isEqualTo(FILE);
        assertThat(e.path()).as("position").matches("line \\d+, column \\d+");
        assertThat(e.problem()).as("problem").startsWith("malformed YAML: ");
        assertThat(e.hint()).as("hint").contains("indentation or quoting");
    }

    @Test
    void load_whenYamlWellFormed_loads() {
        RawConfig raw = TestStacks.load(dir, "config:\n  derrick:environment: dev\n  derrick:tags: {team: ml}\n");

        assertThat(raw.values()).as("keys").containsKeys("derrick:environment", "derrick:tags");
    }

    @Test
    void load_whenYamlKeyDuplicated_reportsMalformed() {
        ConfigError e = only(errorsLoading("config:\n  derrick:environment: dev\n  derrick:environment: prod\n"));

        assertThat(e.path()).as("position").matches("line \\d+, column \\d+");
        assertThat(e.problem()).as("problem").startsWith("malformed YAML: ").containsIgnoringCase("duplicate");
    }

    @Test
    void load_whenNestedYamlKeyDuplicated_reportsMalformed() {
        ConfigError e = only(errorsLoading("config:\n  derrick:tags:\n    team: a\n    team: b\n"));

        assertThat(e.problem()).as("problem").containsIgnoringCase("duplicate");
    }

    @Test
    void load_whenConfigIsNotMap_reportsMapExpected() {
        ConfigError e = only(errorsLoading("config:\n  - derrick:environment\n"));

        assertThat(e.path()).as("path").isEqualTo("config");
        assertThat(e.problem()).as("problem").isEqualTo("must be a map of key: value");
    }

    // ------------------------------------------------------------------ stacks and project

    @Test
    void load_whenStackMissing_listsKnownStacks() {
        TestStacks.load(dir, "config: {}\n");
        TestStacks.writeStack(dir, "dev", "config: {}\n");
        try {
            StackFiles.load(dir, "prod");
            fail("a missing stack loaded");
        } catch (ConfigException ex) {
            ConfigError e = only(ex.errors());
            assertThat(e.file()).as("file").isEqualTo("stacks/Pulumi.prod.yaml");
            assertThat(e.problem()).as("problem").isEqualTo("no such stack");
            assertThat(e.value()).as("value").isEqualTo("\"prod\"");
            assertThat(e.hint()).as("hint").isEqualTo("known stacks: dev, test");
        }
    }

    @Test
    void load_whenStackExists_loadsIt() {
        TestStacks.load(dir, "config: {}\n");
        TestStacks.writeStack(dir, "dev", "config:\n  derrick:environment: dev\n");

        RawConfig raw = StackFiles.load(dir, "dev");
        assertThat(raw.stack()).as("stack").isEqualTo("dev");
        assertThat(raw.origin()).as("origin").isEqualTo("stacks/Pulumi.dev.yaml");
    }

    @Test
    void project_whenNameMissing_reportsRequired() {
        TestStacks.writeProject(dir, "stackConfigDir: stacks\n");
        try {
            StackFiles.project(dir);
            fail("a project without name loaded");
        } catch (ConfigException ex) {
            ConfigError e = only(ex.errors());
            assertThat(e.file()).as("file").isEqualTo("Pulumi.yaml");
            assertThat(e.path()).as("path").isEqualTo("name");
            assertThat(e.problem()).as("problem").isEqualTo("required value is missing");
        }
    }

    @Test
    void project_whenPulumiYamlMissing_reportsNotFound() {
        try {
            StackFiles.project(dir);
            fail("a folder without Pulumi.yaml loaded");
        } catch (ConfigException ex) {
            ConfigError e = only(ex.errors());
            assertThat(e.problem()).as("problem").isEqualTo("not found");
            assertThat(e.hint()).as("hint").contains("--project-dir");
        }
    }

    @Test
    void project_whenValid_readsNameAndStackFolder() {
        TestStacks.writeProject(dir, TestStacks.PROJECT_YAML);

        StackFiles.Project p = StackFiles.project(dir);
        assertThat(p.name()).as("name").isEqualTo("derrick");
        assertThat(p.stackConfigDir()).as("stackConfigDir").isEqualTo("stacks");
        assertThat(p.stackFile("prod")).as("stack file").isEqualTo(dir.resolve("stacks/Pulumi.prod.yaml"));
    }

    @Test
    void loadFile_whenGivenPath_takesStackNameFromFileName() {
        TestStacks.load(dir, "config:\n  derrick:environment: dev\n");

        RawConfig raw = StackFiles.loadFile(dir, dir.resolve("stacks/Pulumi.test.yaml"));
        assertThat(raw.stack()).as("stack").isEqualTo("test");
        assertThat(raw.values().get("derrick:environment").text()).as("environment").isEqualTo("dev");
    }

    @Test
    void loadFile_whenFileMissing_reportsNoSuchFile() {
        TestStacks.load(dir, "config: {}\n");
        try {
            StackFiles.loadFile(dir, dir.resolve("stacks/Pulumi.nope.yaml"));
            fail("a missing file loaded");
        } catch (ConfigException ex) {
            assertThat(only(ex.errors()).problem()).as("problem").isEqualTo("no such file");
        }
    }
}
