package dev.derrick.identity;

/** What a workload may do with the objects of one store; nothing grants bucket administration or IAM changes. */
public enum StoreAccess {
    /** List and read objects (a model server pulling models). */
    READ,
    /** List, read, write and delete objects (a tracking server storing artifacts). */
    READ_WRITE
}
