package cn.titlecert.certificate;

public enum CertificateStatus {
    VALID, REVOKED, SUPERSEDED
}
