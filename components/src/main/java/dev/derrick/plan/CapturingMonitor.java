package dev.derrick.plan;

import com.pulumi.Log;
import com.pulumi.resources.Resource;
import com.pulumi.test.Mocks;
import com.pulumi.test.internal.MockMonitor;
import pulumirpc.Resource.RegisterResourceRequest;
import pulumirpc.Resource.RegisterResourceResponse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The SDK's mock monitor, recording every {@code RegisterResource} request exactly as the
 * engine would receive it, and the URN the engine answered with.
 */
final class CapturingMonitor extends MockMonitor {
    private final List<PlannedResource> registrations = Collections.synchronizedList(new ArrayList<>());

    CapturingMonitor(Mocks mocks, Log log) {
        super(mocks, log);
    }

    @Override
    public CompletableFuture<RegisterResourceResponse> registerResourceAsync(Resource resource, RegisterResourceRequest request) {
        return super.registerResourceAsync(resource, request).thenApply(response -> {
            registrations.add(PlanEngine.planned(request, response.getUrn()));
            return response;
        });
    }

    List<PlannedResource> registrations() {
        synchronized (registrations) {
            return List.copyOf(registrations);
        }
    }
}
