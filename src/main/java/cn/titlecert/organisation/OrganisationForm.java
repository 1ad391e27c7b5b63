package cn.titlecert.organisation;

import java.util.List;

/**
 * An organisation as an administrator or a bureau fills it in (API body, page form, import row). {@code type} is the
 * enumeration's name; {@code reviewSeries} and {@code reviewLevels} only for a committee; {@code reason}: why, for
 * the audit trail (optional).
 */
public record OrganisationForm(String code, String name, String type, Long parentId, String regionCode,
        String creditCode, String approvalNumber, List<String> reviewSeries, List<String> reviewLevels,
        String reason) {
}
