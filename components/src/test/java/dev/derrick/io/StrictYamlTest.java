package dev.derrick.io;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class StrictYamlTest {
    @Test
    void parse_whenAnAliasNamesAnAnchor_givesTheAnchorsValueNotItsName() {
        assertThat(StrictYaml.parse("a: &t {team: ml}\nowner: *t\ns: &s v\nt: *s").toString())
                .isEqualTo("{\"a\":{\"team\":\"ml\"},\"owner\":{\"team\":\"ml\"},\"s\":\"v\",\"t\":\"v\"}");
    }

    @Test
    void parse_readsPlainScalarsByTheYaml12CoreSchema() {
        assertThat(StrictYaml.parse("a: ~\nb: yes\nc: \"4711\"\nd: 4711\ne: true\nf: !!str 12\ng: 1.5").toString())
                .isEqualTo("{\"a\":null,\"b\":\"yes\",\"c\":\"4711\",\"d\":4711,\"e\":true,\"f\":\"12\",\"g\":1.5}");
    }

    @Test
    void parse_whenTwoDocuments_isAnErrorAtTheSecond() {
        var e = catchThrowableOfType(() -> StrictYaml.parse("a: 1\n---\nb: 2\n"), StrictYaml.YamlProblem.class);
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.problem()).contains("second YAML document");
    }

    @Test
    void parse_whenAKeyRepeats_isAnError() {
        assertThat(catchThrowableOfType(() -> StrictYaml.parse("a: 1\na: 2\n"), StrictYaml.YamlProblem.class).problem()).contains("duplicate key a");
    }

    @Test
    void parse_whenMalformedAroundASecret_quotesNothingFromTheText() {
        for (String text : new String[]{"a:\n\tb: s3cr3t", "a: \"s3cr3t", "a: *s3cr3t", "a: s3cr3t: b: c", "a: !<s3cr3t> x\nb: ["}) {
            var e = catchThrowableOfType(() -> StrictYaml.parse(text), StrictYaml.YamlProblem.class);
            assertThat(e).as(text).isNotNull();
            assertThat(e.getMessage()).as(text).doesNotContain("s3cr3t");
        }
    }

    @Test
    void parse_whenALineIsHuge_refusesBeforeParsing() {
        assertThat(catchThrowableOfType(() -> StrictYaml.parse("a: " + "x".repeat(StrictYaml.MAX_LINE_CHARS + 1)),
                StrictYaml.YamlProblem.class).problem()).contains("line longer than");
    }
}
