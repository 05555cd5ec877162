package dev.derrick.tests;

import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobRetentionPolicy;
import com.azure.storage.blob.models.BlobServiceProperties;
import com.azure.storage.blob.models.PublicAccessType;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.fasterxml.jackson.databind.node.TextNode;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import dev.derrick.catalog.Catalog;
import dev.derrick.config.StackConfig;
import dev.derrick.config.StackConfigLoader;
import dev.derrick.config.StackFiles;
import dev.derrick.preflight.CheckLimits;
import dev.derrick.preflight.CheckResult;
import dev.derrick.preflight.CheckRunner;
import dev.derrick.preflight.StackOutputs;
import dev.derrick.preflight.Status;
import dev.derrick.preflight.azure.AzureChecks;
import dev.derrick.preflight.azure.AzureClients;
import dev.derrick.preflight.gcp.GcpChecks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Cloud Storage and Blob checks against real emulators on 127.0.0.1 (scripts/emulators):
 * fake-gcs-server for the JSON API's buckets.get through the Google HTTP client, Azurite for the container ACL and
 * the Blob service properties through azure-storage-blob. The buckets are created with buckets.insert,
 * the containers through azure-storage-blob, the way the components configure them, with drift.
 *
 * <p>fake-gcs-server v1.56.1 models a bucket's name and versioning but not {@code iamConfiguration}
 * or {@code encryption} (its fakestorage/response.go bucketResponse has no such fields), so here the
 * GCS verify check is held to what it reads of versioning; public access prevention, uniform access
 * and CMEK are read from the documented bucket resource in {@code GcpChecksTest}.
 */
class StorageEmulatorChecksTest {
    static final CheckLimits LIMITS = new CheckLimits(8, Duration.ofSeconds(10), 2);
    /** Azurite's well-known development account and key (its README, and dist/src/common/utils/constants.js of the package); not a secret. */
    static final StorageSharedKeyCredential AZURITE_KEY = new StorageSharedKeyCredential("devstoreaccount1",
            "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==");
    static StackConfig config;

    @BeforeAll
    static void load() {
        config = StackConfigLoader.load(StackFiles.loadFile(Project.root(), Project.root().resolve("tests/src/test/resources/configs/Pulumi.storage-emulators.yaml")));
    }

    private static GoogleCredentials testToken() {
        return GoogleCredentials.create(new AccessToken("test-token", new Date(System.currentTimeMillis() + 3_600_000)));
    }

    /** Creates a bucket the way buckets.insert documents it (POST /storage/v1/b?project=, body {name, versioning}). */
    private static void createBucket(URI gcs, String name, boolean versioning) throws Exception {
        var r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gcs + "/storage/v1/b?project=derrick-test"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\",\"versioning\":{\"enabled\":" + versioning + "}}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isIn(200, 409);
    }

    private static void deleteBucket(URI gcs, String name) throws Exception {
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gcs + "/storage/v1/b/" + name)).DELETE().build(),
                HttpResponse.BodyHandlers.discarding());
    }

    private static CheckResult only(List<CheckResult> results, String id, String subjectPart) {
        var found = results.stream().filter(r -> r.id().equals(id) && r.subject().contains(subjectPart)).toList();
        assertThat(found).as(id + " " + subjectPart + " in " + results).hasSize(1);
        return found.get(0);
    }

    @Test
    void gcsPreflight_bucketNames_existingIsOursAndMissingIsFree() throws Exception {
        URI gcs = Emulators.fakeGcs();
        createBucket(gcs, "derrick-fake-datasets", true);
        deleteBucket(gcs, "derrick-fake-fresh");
        List<CheckResult> results;
        try (var gcp = GcpChecks.create(gcs, StorageEmulatorChecksTest::testToken, LIMITS)) {
            results = new CheckRunner(LIMITS, r -> { }).run(gcp.preflight(config)).results();
        }

        CheckResult ours = only(results, "gcp.bucket-name", "gs://derrick-fake-datasets");
        assertThat(ours.status()).as(ours.detail()).isEqualTo(Status.PASS);
        assertThat(ours.detail()).startsWith("exists and these credentials read it");
        CheckResult fresh = only(results, "gcp.bucket-name", "gs://derrick-fake-fresh");
        assertThat(fresh.status()).as(fresh.detail()).isEqualTo(Status.PASS);
        assertThat(fresh.detail()).startsWith("free (HTTP 404)");
    }

    @Test
    void gcsVerify_readsVersioningAndAMissingBucket() throws Exception {
        URI gcs = Emulators.fakeGcs();
        String versioned = "derrick-v-" + UUID.randomUUID().toString().substring(0, 8);
        String unversioned = "derrick-u-" + UUID.randomUUID().toString().substring(0, 8);
        createBucket(gcs, versioned, true);
        createBucket(gcs, unversioned, false);
        List<CheckResult> results;
        try (var gcp = GcpChecks.create(gcs, StorageEmulatorChecksTest::testToken, LIMITS)) {
            var outputs = new StackOutputs(Map.of("datasets.bucketName", TextNode.valueOf(versioned),
                    "fresh.bucketName", TextNode.valueOf(unversioned)));
            var drifted = new StackOutputs(Map.of("datasets.bucketName", TextNode.valueOf(unversioned),
                    "fresh.bucketName", TextNode.valueOf("derrick-never-created")));
            var runner = new CheckRunner(LIMITS, r -> { });
            results = new java.util.ArrayList<>(runner.run(gcp.verify(config, outputs)).results());
            results.addAll(runner.run(gcp.verify(config, drifted)).results());
        }

        CheckResult good = only(results, "gcp.bucket", "gs://" + versioned);
        assertThat(good.detail()).doesNotContain("versioning off").doesNotContain("expected on");
        CheckResult unasked = only(results, "gcp.bucket", "fresh gs://" + unversioned);
        assertThat(unasked.detail()).doesNotContain("versioning off, expected on");
        CheckResult drift = only(results, "gcp.bucket", "datasets gs://" + unversioned);
        assertThat(drift.status()).isEqualTo(Status.FAIL);
        assertThat(drift.detail()).contains("versioning off, expected on");
        CheckResult missing = only(results, "gcp.bucket", "gs://derrick-never-created");
        assertThat(missing.status()).isEqualTo(Status.FAIL);
        assertThat(missing.detail()).isEqualTo("bucket does not exist");
        assertThat(results).noneMatch(r -> r.status() == Status.UNKNOWN);
    }

    @Test
    void blobVerify_privateContainerWithSoftDeletePasses_andEachDriftFails() throws Exception {
        URI azurite = Emulators.azurite();
        BlobServiceClient seed = new BlobServiceClientBuilder().endpoint(azurite + "/devstoreaccount1").credential(AZURITE_KEY).buildClient();
        var container = seed.getBlobContainerClient("models");
        container.createIfNotExists();
        container.setAccessPolicy(null, null);
        seed.setProperties(new BlobServiceProperties().setDeleteRetentionPolicy(new BlobRetentionPolicy().setEnabled(true).setDays(7)));
        var outputs = new StackOutputs(Map.of("models.accountName", TextNode.valueOf("devstoreaccount1")));

        CheckResult ok = blobCheck(azurite, outputs);
        assertThat(ok.status()).as(ok.detail()).isEqualTo(Status.PASS);
        assertThat(ok.detail()).isEqualTo("container private, blob soft delete 7 days");

        container.setAccessPolicy(PublicAccessType.BLOB, null);
        seed.setProperties(new BlobServiceProperties().setDeleteRetentionPolicy(new BlobRetentionPolicy().setEnabled(false)));
        CheckResult drift = blobCheck(azurite, outputs);
        assertThat(drift.status()).isEqualTo(Status.FAIL);
        assertThat(drift.detail()).contains("container allows anonymous blob access, expected none").contains("blob soft delete off, expected >= 7 days");

        container.delete();
        CheckResult gone = blobCheck(azurite, outputs);
        assertThat(gone.status()).isEqualTo(Status.FAIL);
        assertThat(gone.detail()).isEqualTo("container models does not exist in account devstoreaccount1");
    }

    private static CheckResult blobCheck(URI azurite, StackOutputs outputs) {
        try (var azure = new AzureChecks(new AzureClients(azurite, null, null, AZURITE_KEY, LIMITS), Catalog.bundled(), LIMITS)) {
            return only(new CheckRunner(LIMITS, r -> { }).run(azure.verify(config, outputs)).results(), "azure.blob-store", "models");
        }
    }
}
