package cn.titlecert.lifecycle;

/** What is asked for (R17): a correction of printed data, or an electronic certificate for a lost paper one. */
public enum CorrectionKind {
    /** 信息更正: the printed data is wrong; a corrected certificate supersedes the old one. */
    CORRECTION,
    /** 遗失补办: a paper certificate is lost; an electronic one is issued from the records (GD, HB, TJ). */
    REISSUE
}
