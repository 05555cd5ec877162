package dev.derrick.platform;

import com.pulumi.core.Output;
import dev.derrick.config.ObjectStoreSpec;

import java.util.Optional;

/**
 * One object store of the stack as an add-on sees it: where its objects are and what its access grants are scoped to.
 *
 * @param spec              the store's config
 * @param bucket            the S3 or GCS bucket, the Azure blob container, or the S3-compatible bucket
 * @param uri               the URI clients address it by: {@code s3://b}, {@code gs://b},
 *                          {@code wasbs://container@account.blob.core.windows.net}
 * @param arn               AWS: the bucket's ARN; else null
 * @param azureAccount      Azure: the storage account's name; else null
 * @param azureContainerId  Azure: the container's resource id (role assignment scope); else null
 * @param s3Endpoint        S3-compatible and in-cluster stores: the endpoint URL
 * @param accessKeyId       in-cluster stores: the S3 gateway's access key id; else null
 * @param secretAccessKey   in-cluster stores: the S3 gateway's secret key (secret); else null
 */
public record StoreTarget(ObjectStoreSpec spec, Output<String> bucket, Output<String> uri, Output<String> arn,
                          Output<String> azureAccount, Output<String> azureContainerId, Optional<String> s3Endpoint,
                          Output<String> accessKeyId, Output<String> secretAccessKey) {

    public static StoreTarget s3(ObjectStoreSpec spec, Output<String> bucket, Output<String> arn) {
        return new StoreTarget(spec, bucket, bucket.applyValue(b -> "s3://" + b), arn, null, null, Optional.empty(), null, null);
    }

    public static StoreTarget gcs(ObjectStoreSpec spec, Output<String> bucket) {
        return new StoreTarget(spec, bucket, bucket.applyValue(b -> "gs://" + b), null, null, null, Optional.empty(), null, null);
    }

    public static StoreTarget blob(ObjectStoreSpec spec, Output<String> account, Output<String> container, Output<String> containerId) {
        return new StoreTarget(spec, container, Output.tuple(account, container).applyValue(t -> "wasbs://" + t.t2 + "@" + t.t1 + ".blob.core.windows.net"),
                null, account, containerId, Optional.empty(), null, null);
    }

    /** A bucket on an S3-compatible endpoint; in-cluster stores pass their gateway's keys, external endpoints null. */
    public static StoreTarget s3Compatible(ObjectStoreSpec spec, Output<String> bucket, String endpoint, Output<String> accessKeyId,
                                           Output<String> secretAccessKey) {
        return new StoreTarget(spec, bucket, bucket.applyValue(b -> "s3://" + b), null, null, null, Optional.of(endpoint), accessKeyId,
                secretAccessKey);
    }

    /** The store's name in the stack config. */
    public String name() {
        return spec.name();
    }
}
