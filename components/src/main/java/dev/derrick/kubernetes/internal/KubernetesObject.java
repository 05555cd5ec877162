package dev.derrick.kubernetes.internal;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.kubernetes.Utilities;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ResourceArgs;

import java.util.Map;

/**
 * An object of a custom resource definition (e.g. a prometheus-operator {@code PrometheusRule}).
 * com.pulumi:kubernetes 4.0.0 has no generic CustomResource class (later SDKs do); this registers
 * the type token {@code kubernetes:<apiVersion>:<kind>} the provider expects, as they do.
 */
public final class KubernetesObject extends CustomResource {
    public KubernetesObject(String name, String apiVersion, String kind, ObjectMetaArgs metadata, Map<String, Object> spec,
                            CustomResourceOptions options) {
        this(name, apiVersion, kind, metadata, Output.of(spec), options);
    }

    /** An object whose spec holds values known only after other resources exist (an identity's client id, a region). */
    public KubernetesObject(String name, String apiVersion, String kind, ObjectMetaArgs metadata, Output<Map<String, Object>> spec,
                            CustomResourceOptions options) {
        super("kubernetes:" + apiVersion + ":" + kind, name, new Args(apiVersion, kind, metadata, spec),
                CustomResourceOptions.merge(CustomResourceOptions.builder().version(Utilities.getVersion()).build(), options));
    }

    static final class Args extends ResourceArgs {
        @Import(name = "apiVersion", required = true)
        private final Output<String> apiVersion;
        @Import(name = "kind", required = true)
        private final Output<String> kind;
        @Import(name = "metadata")
        private final Output<ObjectMetaArgs> metadata;
        @Import(name = "spec")
        private final Output<Map<String, Object>> spec;

        Args(String apiVersion, String kind, ObjectMetaArgs metadata, Output<Map<String, Object>> spec) {
            this.apiVersion = Output.of(apiVersion);
            this.kind = Output.of(kind);
            this.metadata = Output.of(metadata);
            this.spec = spec;
        }
    }
}
