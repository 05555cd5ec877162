package myproject;

import com.pulumi.Pulumi;

/**
 * The Pulumi program of ${PROJECT}: Derrick's platform program with its policy gate. What it
 * creates is decided by the stack config (Pulumi.&lt;stack&gt;.yaml), not by code here; a mandatory
 * policy violation stops {@code pulumi preview}/{@code up} before any resource is registered.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Pulumi.run(dev.derrick.cli.Program::stack);
    }
}
