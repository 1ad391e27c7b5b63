package cn.titlecert.security;

/**
 * Every organisation has an engine group {@code org<id>} holding its staff (never its holders). Review
 * tasks name the organisation's group as candidate, so in the product and in Camunda Tasklist a task is
 * seen and done only by the staff of the organisation whose turn it is.
 */
public final class OrganisationGroups {

    private static final String PREFIX = "org";

    private OrganisationGroups() {
    }

    public static String of(long organisationId) {
        return PREFIX + organisationId;
    }

    public static Long organisationOf(String groupId) {
        if (groupId == null || !groupId.startsWith(PREFIX)) {
            return null;
        }
        try {
            return Long.parseLong(groupId.substring(PREFIX.length()));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
