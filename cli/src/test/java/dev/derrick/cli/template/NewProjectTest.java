package dev.derrick.cli.template;

import dev.derrick.cli.UserInputException;
import dev.derrick.cli.template.internal.YamlText;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link NewProject} does what {@code pulumi new TEMPLATE --yes} does to files, and nothing on failure. */
class NewProjectTest {
    @TempDir
    Path tmp;
    Path templateDir;

    @BeforeEach
    void writeTemplate() throws IOException {
        templateDir = tmp.resolve("templates/demo");
        Files.createDirectories(templateDir.resolve("src/${PROJECT}"));
        Files.writeString(templateDir.resolve("Pulumi.yaml"), """
                name: ${PROJECT}
                description: ${DESCRIPTION}
                # how it runs
                runtime: java
                template:
                  description: A demo template
                  quickstart: Run it.
                  config:
                    derrick:environment:
                      description: Environment
                      default: dev
                    size:
                      default: "3"
                """);
        Files.writeString(templateDir.resolve("Pulumi.dev.yaml"), """
                # dev of ${PROJECT}
                config:
                  derrick:tags: {team: "${PROJECT}"}   # kept
                """);
        Files.writeString(templateDir.resolve("README.md"), "# ${PROJECT}\n\n${DESCRIPTION}\n");
        Files.writeString(templateDir.resolve("src/${PROJECT}/${PROJECT}-notes.txt"), "${PROJECT}");
        Files.write(templateDir.resolve("logo.bin"), new byte[]{'$', '{', 'P', 'R', 'O', 'J', 'E', 'C', 'T', '}', 0, 1});
        Files.writeString(templateDir.resolve(".pulumi.template.yaml"), "legacy");
        Path script = Files.writeString(templateDir.resolve("run.sh"), "#!/bin/sh\necho ${PROJECT}\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private NewProject.Result create(Path dir, String name, List<String> config) {
        return NewProject.create(new NewProject.Request(Template.load(templateDir), "demo", dir, name, null, "dev", config));
    }

    private List<String> leftovers() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.equals("templates")).sorted().toList();
        }
    }

    @Test
    void create_whenTemplateHasPlaceholders_replacesThemInTextFilesAndFileNames() throws IOException {
        Path dir = tmp.resolve("ml-project");
        var r = create(dir, null, List.of());
        assertThat(r.project()).isEqualTo("ml-project");
        assertThat(r.description()).isEqualTo("A demo template");
        assertThat(dir.resolve("README.md")).hasContent("# ml-project\n\nA demo template\n");
        // pulumi new renames files, not folders
        assertThat(dir.resolve("src/${PROJECT}/ml-project-notes.txt")).hasContent("ml-project");
        assertThat(Files.readAllBytes(dir.resolve("logo.bin"))).isEqualTo(Files.readAllBytes(templateDir.resolve("logo.bin")));
        assertThat(dir.resolve(".pulumi.template.yaml")).doesNotExist();
        assertThat(Files.getPosixFilePermissions(dir.resolve("run.sh"))).contains(PosixFilePermission.OWNER_EXECUTE);
        assertThat(r.files()).contains("Pulumi.yaml", "Pulumi.dev.yaml", "README.md", "run.sh");
    }

    @Test
    void create_whenDone_pulumiYamlHasNoTemplateSectionAndNamesTheTemplateInATag() throws IOException {
        Path dir = tmp.resolve("p");
        create(dir, "ml-project", List.of());
        assertThat(dir.resolve("Pulumi.yaml")).hasContent("""
                name: ml-project
                description: A demo template
                # how it runs
                runtime: java
                config:
                  pulumi:tags:
                    value:
                      pulumi:template: demo
                """);
    }

    @Test
    void create_whenDescriptionWouldBreakYaml_stillWritesAValidPulumiYaml() {
        Path dir = tmp.resolve("p");
        NewProject.create(new NewProject.Request(Template.load(templateDir), "demo", dir, "p", "GPUs: many # really", "dev", List.of()));
        var project = YamlText.parse(dir.resolve("Pulumi.yaml"));
        assertThat(project.path("description").asText()).isEqualTo("GPUs: many # really");
        assertThat(project.has("template")).isFalse();
    }

    @Test
    void create_whenConfigGiven_writesDefaultsAndValuesToTheStackFileKeepingItsComments() throws IOException {
        Path dir = tmp.resolve("p");
        var r = create(dir, "ml", List.of("derrick:environment=prod", "size=5", "aws:profile=lab"));
        assertThat(r.stackFile()).isEqualTo("Pulumi.dev.yaml");
        assertThat(r.config()).containsExactly(
                java.util.Map.entry("aws:profile", "lab"), java.util.Map.entry("derrick:environment", "prod"), java.util.Map.entry("ml:size", "5"));
        assertThat(dir.resolve("Pulumi.dev.yaml")).hasContent("""
                # dev of ml
                config:
                  aws:profile: lab
                  derrick:environment: prod
                  ml:size: "5"
                  derrick:tags: {team: "ml"}   # kept
                """);
    }

    @Test
    void create_whenAValueWithoutDefaultIsNotGiven_refusesNamingTheConfigToPassAndWritesNothing() throws IOException {
        Files.writeString(templateDir.resolve("Pulumi.yaml"), Files.readString(templateDir.resolve("Pulumi.yaml"))
                + "    derrick:gcpProject:\n      description: Google Cloud project id\n");
        Path dir = tmp.resolve("p");

        assertThatThrownBy(() -> create(dir, "ml", List.of())).isInstanceOf(UserInputException.class)
                .hasMessageContaining("needs a value for derrick:gcpProject (Google Cloud project id)")
                .hasMessageContaining("pass --config derrick:gcpProject=VALUE");
        assertThat(dir).doesNotExist();
        assertThat(leftovers()).isEmpty();
        assertThat(create(dir, "ml", List.of("derrick:gcpProject=ml-prod-1")).config()).containsEntry("derrick:gcpProject", "ml-prod-1");
    }

    @Test
    void create_whenStackHasNoFile_createsItWithTheDefaults() throws IOException {
        Path dir = tmp.resolve("p");
        NewProject.create(new NewProject.Request(Template.load(templateDir), "demo", dir, "ml", null, "staging", List.of()));
        assertThat(dir.resolve("Pulumi.staging.yaml")).hasContent("config:\n  derrick:environment: dev\n  ml:size: \"3\"\n");
    }

    @Test
    void create_whenFolderIsNotEmpty_refusesAndLeavesItAsItWas() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("busy"));
        Files.writeString(dir.resolve("keep.txt"), "mine");
        assertThatThrownBy(() -> create(dir, null, List.of())).isInstanceOf(UserInputException.class).hasMessageContaining("is not empty");
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("keep.txt");
        }
        assertThat(leftovers()).containsExactly("busy");
    }

    @Test
    void create_whenFolderIsEmptyOrHoldsOnlyGit_createsTheProjectThere() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        create(empty, null, List.of());
        assertThat(empty.resolve("Pulumi.yaml")).exists();
        Path repo = Files.createDirectories(tmp.resolve("repo/.git"));
        create(repo.getParent(), null, List.of());
        assertThat(repo.getParent().resolve("Pulumi.yaml")).exists();
        assertThat(repo).isDirectory();
        assertThat(leftovers()).containsExactly("empty", "repo");
    }

    @Test
    void create_whenNameInvalid_refusesAndWritesNothing() throws IOException {
        assertThatThrownBy(() -> create(tmp.resolve("a/b/c"), "my project", List.of()))
                .isInstanceOf(UserInputException.class)
                .hasMessage("'my project' is not a valid project name: a project name may only contain alphanumerics, hyphens, underscores and periods");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void create_whenItFailsHalfway_removesEverythingItWrote() throws IOException {
        Files.writeString(templateDir.resolve("Pulumi.dev.yaml"), "config: [unclosed\n");
        assertThatThrownBy(() -> create(tmp.resolve("new/deep/p"), null, List.of()))
                .isInstanceOf(UserInputException.class).hasMessageContaining("Pulumi.dev.yaml of the template: malformed YAML");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void create_whenATemplateDefaultIsSecret_refusesToWriteItInPlainText() throws IOException {
        Files.writeString(templateDir.resolve("Pulumi.yaml"), """
                name: ${PROJECT}
                runtime: java
                template:
                  config:
                    db:password: {default: hunter2, secret: true}
                """);
        assertThatThrownBy(() -> create(tmp.resolve("p"), null, List.of()))
                .isInstanceOf(UserInputException.class).hasMessageContaining("db:password has a secret default");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void create_whenTargetIsInsideTheTemplate_refuses() {
        assertThatThrownBy(() -> create(templateDir.resolve("sub"), null, List.of()))
                .isInstanceOf(UserInputException.class).hasMessageContaining("inside the template");
    }

    // ---------------------------------------------------------------- the pom: Derrick's version and repository

    private void writePom() throws IOException {
        Files.writeString(templateDir.resolve("pom.xml"), """
                <project>
                  <artifactId>${PROJECT}</artifactId>
                  <properties>
                    <derrick.version>0.1.0-SNAPSHOT</derrick.version>
                  </properties>

                  <dependencyManagement>
                  </dependencyManagement>
                </project>
                """);
    }

    private NewProject.Result createWithPom(Path dir, String version, String repository) {
        return NewProject.create(new NewProject.Request(Template.load(templateDir), "demo", dir, null, null, "dev", List.of(), version, repository));
    }

    @Test
    void create_whenAVersionAndRepositoryAreGiven_writesThemToThePom() throws IOException {
        writePom();
        Path dir = tmp.resolve("p");
        createWithPom(dir, "0.2.0", "https://maven.example.com/releases?a=1&b=2");

        String pom = Files.readString(dir.resolve("pom.xml"));
        assertThat(pom).contains("<derrick.version>0.2.0</derrick.version>").doesNotContain("SNAPSHOT")
                .contains("<repositories>\n    <repository>\n      <id>derrick</id>\n      <url>https://maven.example.com/releases?a=1&amp;b=2</url>")
                .contains("<snapshots><enabled>false</enabled></snapshots>");
        assertThat(pom.indexOf("<repositories>")).isLessThan(pom.indexOf("<dependencyManagement>"));
    }

    @Test
    void create_whenASnapshotIsGivenWithAFileRepository_enablesSnapshots_andWithoutEither_leavesThePomAlone() throws IOException {
        writePom();
        createWithPom(tmp.resolve("a"), "0.3.0-SNAPSHOT", "file:///srv/maven");
        assertThat(tmp.resolve("a/pom.xml")).content().contains("<url>file:///srv/maven</url>").contains("<snapshots><enabled>true</enabled></snapshots>");
        createWithPom(tmp.resolve("b"), null, null);
        assertThat(tmp.resolve("b/pom.xml")).hasContent(Files.readString(templateDir.resolve("pom.xml")).replace("${PROJECT}", "b"));
    }

    @Test
    void create_whenTheRepositoryOrVersionIsBad_refusesAndWritesNothing() throws IOException {
        writePom();
        assertThatThrownBy(() -> createWithPom(tmp.resolve("c"), null, "maven.example.com/releases"))
                .isInstanceOf(UserInputException.class).hasMessageStartingWith("--maven-repository 'maven.example.com/releases': not an https, http or file URL");
        assertThatThrownBy(() -> createWithPom(tmp.resolve("c"), "0.2 beta", null))
                .isInstanceOf(UserInputException.class).hasMessageContaining("not a Maven version");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void create_whenTheTemplateHasNoPom_refusesARepository() {
        assertThatThrownBy(() -> createWithPom(tmp.resolve("d"), null, "https://maven.example.com/releases"))
                .isInstanceOf(UserInputException.class).hasMessageContaining("has no pom.xml");
    }
}
