package cn.titlecert.security;

import java.util.List;
import java.util.Optional;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
public interface UserAccountMapper {

    void insert(UserAccount account);

    Optional<UserAccount> findByUsername(String username);

    Optional<UserAccount> findByPersonId(long personId);

    List<UserAccount> findByOrganisation(long organisationId);

    int setEnabled(String username, boolean enabled);

    boolean mustChangePassword(String username);

    int setMustChangePassword(@Param("username") String username, @Param("required") boolean required,
            @Param("at") java.time.Instant at);

    int update(@Param("username") String username, @Param("displayName") String displayName,
            @Param("organisationId") long organisationId, @Param("at") java.time.Instant at);

    /** Accounts of the organisations under a tree path, holders' excluded (they have a person). */
    List<UserAccount> findStaffUnder(@Param("treePath") String treePath, @Param("offset") int offset,
            @Param("limit") int limit);
}
