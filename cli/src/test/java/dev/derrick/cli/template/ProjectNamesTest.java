package dev.derrick.cli.template;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProjectNamesTest {
    @Test
    void problem_whenNameUsesAllowedCharacters_isNull() {
        assertThat(ProjectNames.problem("my-project_2.0")).isNull();
    }

    @Test
    void problem_whenNameHasASpace_namesTheAllowedCharacters() {
        assertThat(ProjectNames.problem("my project")).contains("alphanumerics, hyphens, underscores and periods");
    }

    @Test
    void problem_whenNameIsPulumiOrStartsWithPulumiDot_refusesIt() {
        assertThat(ProjectNames.problem("Pulumi")).contains("must not be 'Pulumi'");
        assertThat(ProjectNames.problem("pulumi.ml")).contains("must not start with 'Pulumi.'");
        assertThat(ProjectNames.problem("pulumi-ml")).isNull();
    }

    @Test
    void problem_whenLongerThan100_refusesIt() {
        assertThat(ProjectNames.problem("a".repeat(100))).isNull();
        assertThat(ProjectNames.problem("a".repeat(101))).contains("100 characters");
        assertThat(ProjectNames.problem("")).contains("empty");
    }

    @Test
    void descriptionProblem_whenOver256Bytes_refusesIt() {
        assertThat(ProjectNames.descriptionProblem("x".repeat(256))).isNull();
        assertThat(ProjectNames.descriptionProblem("é".repeat(129))).contains("256");
    }

    @Test
    void sanitize_whenFolderNameHasInvalidCharacters_dropsThem() {
        assertThat(ProjectNames.sanitize("My Project!")).isEqualTo("MyProject");
        assertThat(ProjectNames.sanitize("ml-project")).isEqualTo("ml-project");
    }

    @Test
    void sanitize_whenNothingIsUsable_fallsBackToProject() {
        assertThat(ProjectNames.sanitize("ü ü")).isEqualTo("project");
    }
}
