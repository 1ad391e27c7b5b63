package cn.titlecert.organisation;

import java.util.Set;

/**
 * The kinds of organisation in the tree (province → city → supervisory department → employer) and where each may
 * hang: a bureau at the root or under a higher bureau; a supervisory department or archive agency under a bureau;
 * an employer under the supervisory department or archive agency that is its second tier, or directly under a bureau;
 * a committee under its organising unit (a bureau, a supervisory department, or an employer for self review); an exam
 * agency under the bureau or the department that organises the exam. Committees and exam agencies have no children.
 */
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
    EXAM_AGENCY;

    /** The types this one may hang under. */
    public Set<OrganisationType> allowedParents() {
        return switch (this) {
            case BUREAU, SUPERVISORY_DEPARTMENT, ARCHIVE_AGENCY -> Set.of(BUREAU);
            case EMPLOYER -> Set.of(SUPERVISORY_DEPARTMENT, ARCHIVE_AGENCY, BUREAU);
            case COMMITTEE -> Set.of(BUREAU, SUPERVISORY_DEPARTMENT, EMPLOYER);
            case EXAM_AGENCY -> Set.of(BUREAU, SUPERVISORY_DEPARTMENT);
        };
    }

    /** Only a bureau may be a root of the tree (a province's department). */
    public boolean mayBeRoot() {
        return this == BUREAU;
    }

    public boolean mayHang(OrganisationType parent) {
        return parent == null ? mayBeRoot() : allowedParents().contains(parent);
    }
}
