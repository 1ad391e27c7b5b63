package cn.titlecert.organisation;

/** The kinds of organisation in the tree (province → city → supervisory department → employer). */
public enum OrganisationType {
    /** 人社厅 / 人社局: issues certificates. */
    BUREAU,
    /** 业务主管部门: second-tier review, the reporting unit (呈报单位). */
    SUPERVISORY_DEPARTMENT,
    /** 档案存放地人力资源服务机构: second tier for people whose records it keeps. */
    ARCHIVE_AGENCY,
    /** 用人单位: first-tier review; self appointment; self-review committees. */
    EMPLOYER,
    /** 职称评审委员会 (with its organising unit, 评委会组建单位): uploads review results. */
    COMMITTEE,
    /** 考试机构: verifies and aggregates exam-in-lieu results. */
    EXAM_AGENCY
}
