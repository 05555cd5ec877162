package dev.derrick.preflight;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.derrick.config.StackConfig;
import dev.derrick.config.StackConfigLoader;
import dev.derrick.config.StackFiles;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.net.URI;
import java.nio.file.Path;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A WireMock control plane on 127.0.0.1 (a free port, reset before every test) and the stack the
 * checks under test read, from {@code cli/src/test/resources/preflight/}.
 */
public final class StubControlPlane implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
    private final String stackFile;
    private WireMockServer server;
    private StackConfig config;

    public StubControlPlane(String stackFile) {
        this.stackFile = stackFile;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        Path root = Path.of(System.getProperty("derrick.projectDir"));
        config = StackConfigLoader.load(StackFiles.loadFile(root, root.resolve("cli/src/test/resources/preflight/" + stackFile)));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.stop();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        server.resetAll();
    }

    public WireMockServer server() {
        return server;
    }

    public StackConfig config() {
        return config;
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.port());
    }
}
