package cn.titlecert.lifecycle;

/**
 * What was decided once the misuse was found true (经查证属实): the notices enter it in the credit archive and leave
 * the handling to the competent departments (由有关部门按照相关规定进行处理), a crime to the law (依法追究法律责任).
 */
public enum CreditDecision {
    /** Entered in the credit archive for a number of years (记入诚信档案). */
    CREDIT_RECORD,
    /** A warning (批评教育 / 警告). */
    WARNING,
    /** The certificate's revocation is recommended to the issuing bureau (建议作废证书). */
    REVOCATION_RECOMMENDED,
    /** Referred to the judicial authorities (涉嫌犯罪，移送司法机关). */
    REFERRED_FOR_PROSECUTION
}
