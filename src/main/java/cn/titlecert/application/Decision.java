package cn.titlecert.application;

/** What a review step decides: {@code decisionReason} is required unless APPROVE. */
public enum Decision {
    APPROVE, REJECT, RETURN
}
