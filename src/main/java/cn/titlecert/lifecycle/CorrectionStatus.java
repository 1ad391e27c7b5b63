package cn.titlecert.lifecycle;

/** Where a correction request stands. */
public enum CorrectionStatus {
    /** Waiting for the approving unit (批准单位 / 主管部门). */
    IN_REVIEW,
    /** Escalated to the issuing bureau (省/市职改办). */
    AT_BUREAU,
    /** Approved; the new certificate is being made. */
    APPROVED,
    /** The new certificate exists and supersedes the old one. */
    REISSUED,
    /** Refused, with a reason, by the approving unit or the bureau. */
    REJECTED
}
