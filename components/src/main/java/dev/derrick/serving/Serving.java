package dev.derrick.serving;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.ProviderArgs;
import com.pulumi.kubernetes.core.v1.Namespace;
import com.pulumi.kubernetes.core.v1.NamespaceArgs;
import com.pulumi.kubernetes.core.v1.ServiceAccount;
import com.pulumi.kubernetes.core.v1.ServiceAccountArgs;
import com.pulumi.kubernetes.core.v1.inputs.ObjectReferenceArgs;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.kubernetes.helm.v3.ReleaseArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import dev.derrick.charts.ChartSource;
import dev.derrick.charts.Charts;
import dev.derrick.charts.PinnedChart;
import dev.derrick.config.ClusterSpec;
import dev.derrick.identity.StoreAccess;
import dev.derrick.identity.WorkloadIdentity;
import dev.derrick.identity.WorkloadIdentityArgs;
import dev.derrick.kubernetes.internal.KubernetesObject;
import dev.derrick.platform.ClusterTarget;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * KServe on one cluster in raw-deployment mode (plain Deployments and Services: no Knative, no Istio), in dependency
 * order: cert-manager (KServe's webhook certificate is a cert-manager Certificate), KServe's CRDs, the controller, then
 * the objects its webhooks judge: the GPU runtime {@value GpuServingRuntime#NAME} and the storage initializer's
 * {@code ClusterStorageContainer}. Each serving namespace gets the ServiceAccount {@value #SERVICE_ACCOUNT}, bound to
 * the model store with the cluster's workload identity. With monitoring, the controller and every model server are
 * scraped.
 *
 * <p>Children ({@code <name>-<role>}): {@code provider}, {@code cert-manager-namespace}, {@code cert-manager},
 * {@code namespace} ({@value #NAMESPACE}), {@code crds}, {@code controller}, {@code runtime} (with the GPU runtime),
 * {@code storage-container}, {@code controller-monitor} (with monitoring), and per serving namespace {@code ns-<ns>},
 * {@code identity-<ns>} ({@link WorkloadIdentity}, read access), {@code sa-<ns>}, {@code models-monitor-<ns>} (with monitoring).
 */
public final class Serving extends ComponentResource {
    public static final String TYPE = "derrick:serving:Serving";
    public static final String NAMESPACE = "kserve";
    public static final String CERT_MANAGER_NAMESPACE = "cert-manager";
    /** The ServiceAccount an InferenceService names ({@code predictor.serviceAccountName}) to read the model store. */
    public static final String SERVICE_ACCOUNT = "derrick-models";
    static final String API = "serving.kserve.io/v1alpha1";
    static final String MONITORING_API = "monitoring.coreos.com/v1";
    /**
     * The storage initializer of the release (the chart's storageInitializer config at v0.20.0: image
     * kserve/storage-initializer, tag kserve.version).
     */
    static final String STORAGE_INITIALIZER_IMAGE = "kserve/storage-initializer:v" + Charts.KSERVE.version().substring(1);
    /** Labels on every object Derrick creates here. */
    static final Map<String, String> MANAGED = Map.of("app.kubernetes.io/managed-by", "derrick");

    public Serving(String name, ServingArgs args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        ClusterTarget target = args.cluster();
        ClusterSpec c = target.spec();
        ServingSpec spec = c.serving();
        boolean monitoring = target.monitoring();
        var provider = new Provider(name + "-provider", ProviderArgs.builder().kubeconfig(target.kubeconfig().asSecret()).build(),
                CustomResourceOptions.builder().parent(this).build());
        var cmNs = new Namespace(name + "-cert-manager-namespace", NamespaceArgs.builder().metadata(meta(CERT_MANAGER_NAMESPACE, null)).build(),
                on(provider, target.after()));
        var certManager = new Release(name + "-cert-manager", release(args.charts(), Charts.CERT_MANAGER, "cert-manager", CERT_MANAGER_NAMESPACE,
                certManagerValues(monitoring)), on(provider, List.of(cmNs)));
        var ns = new Namespace(name + "-namespace", NamespaceArgs.builder().metadata(meta(NAMESPACE, null)).build(), on(provider, target.after()));
        var crds = new Release(name + "-crds", release(args.charts(), Charts.KSERVE_CRD, "kserve-crd", NAMESPACE, Map.of()), on(provider, List.of(ns)));
        // The controller's Certificate and Issuer need cert-manager's CRDs and webhook; its own webhooks need the CRDs.
        var controller = new Release(name + "-controller", release(args.charts(), Charts.KSERVE, "kserve", NAMESPACE, controllerValues()),
                on(provider, List.of(crds, certManager)));
        // Runtimes, storage containers and InferenceServices go through the controller's webhooks, which fail closed.
        var afterController = List.<Resource>of(controller);
        var identities = new ArrayList<WorkloadIdentity>();
        var podsWait = new ArrayList<Resource>(afterController);
        for (String servingNs : spec.namespaces()) {
            var nsObject = new Namespace(name + "-ns-" + servingNs, NamespaceArgs.builder().metadata(meta(servingNs, null)).build(),
                    on(provider, target.after()));
            var identity = new WorkloadIdentity(name + "-identity-" + servingNs, new WorkloadIdentityArgs(target, servingNs, SERVICE_ACCOUNT,
                    args.modelStore(), StoreAccess.READ, List.of(nsObject)), ComponentResourceOptions.builder().parent(this).build());
            identities.add(identity);
            podsWait.addAll(identity.ready);
            var sa = ServiceAccountArgs.builder().metadata(ObjectMetaArgs.builder()
                    .name(SERVICE_ACCOUNT).namespace(servingNs).labels(MANAGED).annotations(identity.serviceAccountAnnotations).build());
            // KServe's credential builder turns the S3 keys of a Secret the ServiceAccount lists into the storage
            // initializer's AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (secretKeyRef; S3-compatible stores only).
            identity.credentialsSecret.ifPresent(secret -> sa.secrets(ObjectReferenceArgs.builder().name(secret).build()));
            podsWait.add(new ServiceAccount(name + "-sa-" + servingNs, sa.build(), on(provider, List.of(nsObject))));
            if (monitoring) {
                new KubernetesObject(name + "-models-monitor-" + servingNs, MONITORING_API, "PodMonitor", meta("kserve-models", servingNs),
                        ServingMonitors.modelServers(), on(provider, List.of(nsObject)));
            }
        }
        // One store per cluster: every namespace's identity names the same region and endpoint.
        Output<Map<String, String>> storeEnv = identities.isEmpty() ? Output.of(Map.of()) : identities.get(0).environment;
        new KubernetesObject(name + "-storage-container", API, "ClusterStorageContainer", meta(StorageContainer.NAME, null),
                storeEnv.applyValue(StorageContainer::spec), on(provider, afterController));
        if (args.runtimeSpec() != null) {
            var runtime = new TreeMap<String, Object>(args.runtimeSpec());
            var labels = new TreeMap<String, String>();
            identities.forEach(i -> labels.putAll(i.podLabels));
            if (!labels.isEmpty()) {
                runtime.put("labels", labels); // AKS's identity webhook mutates labelled pods only
            }
            new KubernetesObject(name + "-runtime", API, "ClusterServingRuntime", meta(GpuServingRuntime.NAME, null), runtime,
                    on(provider, podsWait));
        }
        if (monitoring) {
            new KubernetesObject(name + "-controller-monitor", MONITORING_API, "ServiceMonitor", meta("kserve-controller", NAMESPACE),
                    ServingMonitors.controller(), on(provider, afterController));
        }
        registerOutputs(Map.of());
    }

    /** The name of cluster {@code cluster}'s Serving component (its children are named after it). */
    public static String componentName(String cluster) {
        return cluster + "-serving";
    }

    static ReleaseArgs release(ChartSource charts, PinnedChart chart, String releaseName, String namespace, Map<String, Object> values) {
        return charts.release(chart, ReleaseArgs.builder().name(releaseName).namespace(namespace).timeout(600).values(values)).build();
    }

    /**
     * cert-manager with its CRDs (the chart's {@code crds.enabled}, as KServe's install script sets), every image at
     * the release's tag (the tree's Chart.yaml says v0.0.0; see charts/vendor/cert-manager-v1.21.1/SOURCE), and its
     * ServiceMonitor where Derrick's Prometheus runs.
     */
    static Map<String, Object> certManagerValues(boolean monitoring) {
        var tag = Map.of("tag", Charts.CERT_MANAGER.version());
        var values = new TreeMap<String, Object>();
        values.put("crds", Map.of("enabled", true));
        values.put("image", tag);
        values.put("webhook", Map.of("image", tag));
        values.put("cainjector", Map.of("image", tag));
        values.put("acmesolver", Map.of("image", tag));
        values.put("startupapicheck", Map.of("image", tag));
        values.put("prometheus", Map.of("enabled", true, "servicemonitor", Map.of("enabled", monitoring)));
        return values;
    }

    /**
     * The KServe controller in raw-deployment mode ({@code deploy.defaultDeploymentMode: RawDeployment}) with no
     * ingress: KServe's raw mode creates an Ingress of {@code ingressClassName} per InferenceService unless
     * {@code disableIngressCreation}; Derrick creates none (and no Istio virtual host), so a model is reached inside the
     * cluster at its predictor Service. The chart's shared objects are kept (certificate issuer, inferenceservice-config)
     * except its default ClusterStorageContainer, which Derrick replaces with one that carries the model store's settings.
     */
    static Map<String, Object> controllerValues() {
        var gateway = new TreeMap<String, Object>();
        gateway.put("disableIngressCreation", true);
        gateway.put("disableIstioVirtualHost", true);
        var controller = new TreeMap<String, Object>();
        controller.put("deploymentMode", "RawDeployment");
        controller.put("gateway", gateway);
        controller.put("imagePullPolicy", "IfNotPresent");
        var kserve = new TreeMap<String, Object>();
        kserve.put("controller", controller);
        // The chart's switches default to createSharedResources through Helm's `default`, which treats false as unset:
        // only with it false does storagecontainer.enabled: false take effect, so the other two are switched on by name.
        kserve.put("createSharedResources", false);
        kserve.put("certManager", Map.of("enabled", true));
        kserve.put("inferenceServiceConfig", Map.of("enabled", true));
        kserve.put("storagecontainer", Map.of("enabled", false));
        return Map.of("kserve", kserve);
    }

    CustomResourceOptions on(Provider provider, List<? extends Resource> after) {
        return CustomResourceOptions.builder().parent(this).provider(provider).dependsOn(List.copyOf(after)).build();
    }

    static ObjectMetaArgs meta(String objectName, String namespace) {
        var b = ObjectMetaArgs.builder().name(objectName).labels(MANAGED);
        if (namespace != null) {
            b.namespace(namespace);
        }
        return b.build();
    }

    /** Plain (non-secret) environment of the storage initializer, in a stable order. */
    static List<Map<String, String>> env(Map<String, String> vars) {
        var out = new ArrayList<Map<String, String>>();
        new TreeMap<>(vars).forEach((k, v) -> {
            var e = new LinkedHashMap<String, String>();
            e.put("name", k);
            e.put("value", v);
            out.add(e);
        });
        return out;
    }
}
