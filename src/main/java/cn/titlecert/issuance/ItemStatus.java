package cn.titlecert.issuance;

/** A case in a batch: to generate, generated, waiting for its photo (R9), or sent back by the bureau. */
public enum ItemStatus {
    PENDING, GENERATED, WAITING_FOR_PHOTO, EXCLUDED
}
