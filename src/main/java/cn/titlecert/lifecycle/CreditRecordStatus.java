package cn.titlecert.lifecycle;

public enum CreditRecordStatus {
    ACTIVE,
    WITHDRAWN
}
