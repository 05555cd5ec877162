package dev.derrick.onprem;

import dev.derrick.config.Taint;
import dev.derrick.onprem.NodeSet.LiveTaint;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The taint list a named node's patch applies: the live list with the pool's taints in place, so a cordon's or the node
 * lifecycle's taints are written back, not removed (the list is atomic and the patch is forced). The real-engine tier
 * checks the same against a real API server (cordon, uncordon, pulumi up, preview --expect-no-changes).
 */
class NodeTaintMergeTest {
    private static final LiveTaint CORDON = new LiveTaint("node.kubernetes.io/unschedulable", null, "NoSchedule", "2026-12-04T10:00:00Z");
    private static final LiveTaint NOT_READY = new LiveTaint("node.kubernetes.io/not-ready", null, "NoExecute", "2026-12-04T10:01:00Z");
    private static final LiveTaint GPU = new LiveTaint("nvidia.com/gpu", "true", "NoSchedule", null);

    @Test
    void bareNode_getsThePoolsTaints() {
        assertThat(NodeSet.mergedTaints(List.of(), Map.of(), List.of(Taint.GPU))).containsExactly(GPU);
    }

    @Test
    void cordonedNode_keepsTheCordonAndNodeLifecycleTaintsWithTheirTimes() {
        var merged = NodeSet.mergedTaints(List.of(GPU, CORDON, NOT_READY), Map.of(NodeSet.TAINTS_ANNOTATION, "nvidia.com/gpu:NoSchedule"),
                List.of(Taint.GPU));
        assertThat(merged).containsExactly(GPU, CORDON, NOT_READY);
    }

    @Test
    void aTaintWithTheSameKeyAndEffect_isReplacedByThePools() {
        var edited = new LiveTaint("nvidia.com/gpu", "present", "NoSchedule", null);
        assertThat(NodeSet.mergedTaints(List.of(CORDON, edited), Map.of(), List.of(Taint.GPU))).containsExactly(CORDON, GPU);
    }

    @Test
    void aTaintDerrickSetAndThePoolDropped_isRemovedAndOthersStay() {
        var dedicated = new LiveTaint("dedicated", "training", "NoSchedule", null);
        var merged = NodeSet.mergedTaints(List.of(GPU, dedicated, CORDON),
                Map.of(NodeSet.TAINTS_ANNOTATION, "nvidia.com/gpu:NoSchedule,dedicated:NoSchedule"), List.of(Taint.GPU));
        assertThat(merged).containsExactly(GPU, CORDON);
    }

    @Test
    void aUsersOwnTaint_isNeverRemoved() {
        var users = new LiveTaint("maintenance", "true", "NoSchedule", null);
        assertThat(NodeSet.mergedTaints(List.of(users), Map.of(NodeSet.TAINTS_ANNOTATION, "nvidia.com/gpu:NoSchedule"), List.of(Taint.GPU)))
                .containsExactly(users, GPU);
    }
}
