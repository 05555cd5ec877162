package dev.derrick.preflight;

import dev.derrick.config.Target;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EndpointsTest {
    @Test
    void parse_whenFlagAndEnvBothSet_flagWins() {
        var e = Endpoints.parse(List.of("aws=http://127.0.0.1:5001"), Map.of("DERRICK_AWS_ENDPOINT", "http://127.0.0.1:5000",
                "DERRICK_GCP_ENDPOINT", "http://127.0.0.1:4443"));

        assertThat(e.of(Target.AWS)).contains(URI.create("http://127.0.0.1:5001"));
        assertThat(e.of(Target.GCP)).contains(URI.create("http://127.0.0.1:4443"));
        assertThat(e.of(Target.AZURE)).isEmpty();
    }

    @Test
    void parse_whenCloudUnknown_namesTheChoices() {
        assertThatThrownBy(() -> Endpoints.parse(List.of("ibm=http://127.0.0.1:1"), Map.of()))
                .hasMessageContaining("unknown cloud 'ibm'").hasMessageContaining("aws, gcp or azure");
    }

    @Test
    void parse_whenNotAUrl_showsAnExample() {
        assertThatThrownBy(() -> Endpoints.parse(List.of("aws=localhost"), Map.of())).hasMessageContaining("http://127.0.0.1:5000");
        assertThatThrownBy(() -> Endpoints.parse(List.of("aws"), Map.of())).hasMessageContaining("CLOUD=URL");
    }
}
