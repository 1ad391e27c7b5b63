package cn.titlecert.security;

import java.util.List;
import java.util.Optional;

import org.apache.ibatis.annotations.Mapper;

@Mapper
public interface UserAccountMapper {

    void insert(UserAccount account);

    Optional<UserAccount> findByUsername(String username);

    Optional<UserAccount> findByPersonId(long personId);

    List<UserAccount> findByOrganisation(long organisationId);

    int setEnabled(String username, boolean enabled);
}
