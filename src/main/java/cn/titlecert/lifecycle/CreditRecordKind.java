package cn.titlecert.lifecycle;

/**
 * What the person did, in the notices' words: 伪造, 篡改, 挂证 (HB, GZ), 挂靠 (GX), 滥用 (GX, HB), and other misuse
 * ("等违规使用", GZ).
 */
public enum CreditRecordKind {
    FORGERY,
    TAMPERING,
    RENTING,
    AFFILIATION,
    ABUSE,
    OTHER
}
