package cn.titlecert.lifecycle;

/**
 * Why a certificate is revoked (作废, R16). The Guangxi notice asks only for a remark; the reason makes
 * revocations countable and is printed on the verification page beside the remark.
 */
public enum RevocationReason {
    /** 弄虚作假取得: the title was obtained by fraud. */
    FRAUD,
    /** 职称被撤销: the title itself was withdrawn by the approving authority. */
    TITLE_WITHDRAWN,
    /** 证书信息有误且不再更正: wrong data, to be issued again through another route. */
    ISSUED_IN_ERROR,
    /** 重复发放: a second certificate for the same title. */
    DUPLICATE,
    /** 其他 (the remark says what). */
    OTHER
}
