package cn.titlecert.application;

public enum ApplicationStatus {
    SUBMITTED, IN_REVIEW, RETURNED, REJECTED, APPROVED, ISSUED
}
