package dev.derrick.gcp;

import com.pulumi.gcp.projects.Service;
import com.pulumi.gcp.projects.ServiceArgs;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ProviderResource;
import com.pulumi.resources.Resource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The Google APIs of one project that Derrick's GCP components call, each enabled once per project however many
 * clusters and registries use it: a {@code gcp:projects/service:Service} named {@code gcp-api-<api>}
 * ({@code gcp-api-container}), at the stack's top level. Components ask for the APIs they call and make the resources
 * that call them depend on the returned Services, so {@code pulumi up} enables an API before it is used.
 *
 * <p>A fresh project has only Google's default services enabled, among them Cloud Storage (the GCS JSON API), so
 * buckets and the Cloud Storage service agent lookup need none; Compute Engine, GKE, IAM and Artifact Registry are
 * not among them. Services are never disabled on destroy ({@code disableOnDestroy: false}, nor their dependents):
 * other stacks and resources in the project may use them.
 */
public final class ProjectApis {
    public static final String COMPUTE = "compute.googleapis.com";
    public static final String CONTAINER = "container.googleapis.com";
    /** Service accounts (the GKE node account). */
    public static final String IAM = "iam.googleapis.com";
    public static final String ARTIFACT_REGISTRY = "artifactregistry.googleapis.com";
    /** Artifact Analysis: scans every pushed image of the project (GCP's scan on push). */
    public static final String CONTAINER_SCANNING = "containerscanning.googleapis.com";

    private final String project;
    private final Function<String, ProviderResource> providerOfRegion;
    private final Map<String, Service> enabled = new LinkedHashMap<>();

    /**
     * @param project          the Google Cloud project ({@code derrick:gcpProject})
     * @param providerOfRegion the explicit gcp provider of a region; an API is enabled through the provider of the
     *                         region that first asks for it (the project, not the region, is what matters)
     */
    public ProjectApis(String project, Function<String, ProviderResource> providerOfRegion) {
        this.project = project;
        this.providerOfRegion = providerOfRegion;
    }

    public String project() {
        return project;
    }

    /** The Service that enables {@code api} in the project, registered on the first call. */
    public synchronized Service enable(String api, String region) {
        return enabled.computeIfAbsent(api, a -> new Service(resourceName(a), ServiceArgs.builder()
                .project(project)
                .service(a)
                .disableOnDestroy(false)
                .disableDependentServices(false)
                .build(), CustomResourceOptions.builder().provider(providerOfRegion.apply(region)).build()));
    }

    /** The Services of {@code apis}, in order, each enabled once. */
    public List<Resource> enable(List<String> apis, String region) {
        var out = new ArrayList<Resource>();
        apis.forEach(api -> out.add(enable(api, region)));
        return out;
    }

    /**
     * {@code gcp-api-<first label of the API>}; container scanning keeps the name it had before the other APIs were
     * enabled ({@code gcp-container-scanning}), since a resource's name is part of its URN.
     */
    static String resourceName(String api) {
        return api.equals(CONTAINER_SCANNING) ? "gcp-container-scanning" : "gcp-api-" + api.substring(0, api.indexOf('.'));
    }
}
