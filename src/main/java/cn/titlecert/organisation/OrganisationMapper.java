package cn.titlecert.organisation;

import java.util.List;
import java.util.Optional;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

import cn.titlecert.persistence.GeneratedKey;

@Mapper
public interface OrganisationMapper {

    /** Inserts with a provisional path; {@link #updateTreePath} sets it once the id is known. */
    void insert(@Param("row") Organisation row, @Param("key") GeneratedKey key);

    int updateTreePath(@Param("id") long id, @Param("treePath") String treePath);

    Optional<Organisation> findById(long id);

    Optional<Organisation> findByCode(String code);

    /** The organisation with this path and everything below it. */
    List<Organisation> findSubtree(String treePath);

    List<Organisation> findByIds(@Param("ids") List<Long> ids);

    List<Organisation> findByTypes(@Param("types") List<OrganisationType> types);
}
